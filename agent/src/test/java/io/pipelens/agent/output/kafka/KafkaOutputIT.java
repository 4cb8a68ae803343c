package io.pipelens.agent.output.kafka;

import static io.pipelens.agent.output.TestRecords.batch;
import static io.pipelens.agent.output.TestRecords.records;
import static io.pipelens.agent.output.TestRecords.sparkPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.output.internal.OutputMetrics;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Kafka output against a real broker: routing, keys, encoding, acknowledgement, outages. */
class KafkaOutputIT {

  private static final OtlpLogsCodec CODEC = new OtlpLogsCodec();

  private final KafkaServer kafka = TestServers.kafka();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String eventTopic = "events-" + suffix;
  private final String engineTopic = "engine-" + suffix;
  private final String businessTopic = "business-" + suffix;
  private KafkaOutput output;

  @AfterEach
  void stopOutputAndRestoreBroker() {
    if (output != null) {
      output.stop(Duration.ofSeconds(5));
    }
    kafka.start(); // a no-op unless a test left it stopped
  }

  @Test
  void recordsLandOnTheirStreamsTopicKeyedByJobAndDecodeToTheSameRecords() throws Exception {
    start("");
    Resource sparkDriver = sparkPod("spark-app-42", "uid-driver");
    Resource rayWorker =
        Resource.of(Attributes.builder().put(AttributeNames.K8S_POD_UID, "uid-ray").build());
    List<LogRecord> events = records(sparkDriver, "event", "/spark/events/app-42", 0, 3);
    List<LogRecord> engine = records(sparkDriver, "engine", "/var/log/driver.log", 0, 5);
    List<LogRecord> rayJob = new ArrayList<>();
    for (LogRecord record : records(rayWorker, "business", "/tmp/ray/job-7.log", 0, 4)) {
      rayJob.add(
          record.toBuilder()
              .attributes(record.attributes().toBuilder().put(AttributeNames.RAY_JOB_ID, "07000000").build())
              .build());
    }
    List<LogRecord> noJob = records(Resource.empty(), "business", "/var/log/misc.log", 0, 2);
    List<LogRecord> all = new ArrayList<>();
    all.addAll(events);
    all.addAll(engine);
    all.addAll(rayJob);
    all.addAll(noJob);

    output.send(batch(all)).toCompletableFuture().get(30, TimeUnit.SECONDS);

    List<ConsumerRecord<byte[], byte[]>> eventRecords = consume(eventTopic, 1);
    List<ConsumerRecord<byte[], byte[]>> engineRecords = consume(engineTopic, 1);
    List<ConsumerRecord<byte[], byte[]>> businessRecords = consume(businessTopic, 2);
    assertThat(key(eventRecords.get(0))).isEqualTo("spark-app-42");
    assertThat(decode(eventRecords.get(0).value())).isEqualTo(events);
    assertThat(key(engineRecords.get(0))).isEqualTo("spark-app-42");
    assertThat(decode(engineRecords.get(0).value())).isEqualTo(engine);
    assertThat(businessRecords).extracting(KafkaOutputIT::key).containsExactly("07000000", null);
    assertThat(decode(businessRecords.get(0).value())).isEqualTo(rayJob);
    assertThat(decode(businessRecords.get(1).value())).isEqualTo(noJob);
    assertThat(new String(engineRecords.get(0).headers().lastHeader("content-type").value(), StandardCharsets.US_ASCII))
        .isEqualTo("application/x-protobuf");
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(all.size());
  }

  @Test
  void aGroupAboveMaxRequestSizeIsSplitInOrder() throws Exception {
    start("max_request_size: 16KiB\n");
    List<LogRecord> engine = records(sparkPod("spark-app-big", "uid-big"), "engine", "/d.log", 0, 400);

    output.send(batch(engine)).toCompletableFuture().get(30, TimeUnit.SECONDS);

    List<LogRecord> received = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> consumed = consumeAtLeast(engineTopic, engine.size(), received);
    assertThat(consumed.size()).isGreaterThan(1);
    assertThat(consumed).allSatisfy(record -> assertThat(record.value().length).isLessThan(16 * 1024));
    assertThat(received).isEqualTo(engine);
  }

  @Test
  void aBrokerOutageLosesNothingAndTheStageCompletesOnlyAfterTheAck() throws Exception {
    // Short producer timeouts, so the outage also exercises the output's own resends.
    start(
        "delivery_timeout: 8s\n"
            + "properties: {request.timeout.ms: '3000', max.block.ms: '3000',"
            + " reconnect.backoff.max.ms: '500'}\n");
    Resource pod = sparkPod("spark-app-outage", "uid-outage");
    output.send(batch(records(pod, "engine", "/o.log", 0, 10))).toCompletableFuture().get(30, TimeUnit.SECONDS);

    kafka.stop();
    long outageStart = System.nanoTime();
    List<CompletionStage<Void>> stages = new ArrayList<>();
    int batches = 38;
    for (int i = 1; i <= batches; i++) {
      stages.add(output.send(batch(records(pod, "engine", "/o.log", i * 10_000L, 10))));
      Thread.sleep(400);
    }
    assertThat(stages).allSatisfy(stage -> assertThat(stage.toCompletableFuture()).isNotDone());
    long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
    assertThat(outageMillis).isGreaterThanOrEqualTo(15_000);
    kafka.start();

    CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
        .get(90, TimeUnit.SECONDS);
    // Recovered without a restart: a new batch goes straight through.
    output.send(batch(records(pod, "engine", "/o.log", 999_000, 1))).toCompletableFuture().get(30, TimeUnit.SECONDS);

    List<LogRecord> received = new ArrayList<>();
    consumeAtLeast(engineTopic, 10 * (batches + 1) + 1, received);
    Set<Long> offsets = new HashSet<>();
    for (LogRecord record : received) {
      offsets.add(record.attributes().getLong(AttributeNames.LOG_OFFSET));
    }
    Set<Long> expected = new HashSet<>();
    for (int i = 0; i <= batches; i++) {
      for (int j = 0; j < 10; j++) {
        expected.add(i * 10_000L + 100L * j);
      }
    }
    expected.add(999_000L);
    assertThat(offsets).isEqualTo(expected);
    // Records sent in the first seconds of the outage outlived delivery_timeout: resent by the output.
    assertThat(counter(OutputMetrics.RETRIES)).isPositive();
  }

  @Test
  void manyMessagesOfVaryingSizesInFlightTogetherEachArriveAsSent() throws Exception {
    // Values from a few hundred bytes to several megabytes, dozens unacknowledged at once; the
    // broker's message.max.bytes (1 MiB) refuses the largest, which the output splits from the
    // value it kept and resends (after later ones, as at-least-once allows). Every Kafka record
    // must decode to consecutive records of one batch exactly as sent, under that batch's key, and
    // every record must arrive once, whatever the output does with a value once the producer has it.
    start("");
    Random random = new Random(42);
    Resource[] pods = {
      sparkPod("spark-app-a", "uid-a"), sparkPod("spark-app-b", "uid-b"), sparkPod("spark-app-c", "uid-c")
    };
    Map<Long, LogRecord> sentByOffset = new java.util.HashMap<>();
    List<CompletionStage<Void>> stages = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < 60; i++) {
      Resource pod = pods[random.nextInt(pods.length)];
      int count = 1 + random.nextInt(i % 10 == 9 ? 6000 : 1500);
      int bodyLength = 1 + random.nextInt(i % 10 == 9 ? 900 : 300);
      List<LogRecord> batch = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        LogRecord record =
            io.pipelens.agent.output.TestRecords.record(
                pod, "engine", "/var/log/" + i + ".log", offset, body(random, bodyLength));
        batch.add(record);
        sentByOffset.put(offset, record);
        offset += 100;
      }
      stages.add(output.send(batch(batch)));
    }
    CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
        .get(120, TimeUnit.SECONDS);

    List<LogRecord> all = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> consumed = consumeAtLeast(engineTopic, sentByOffset.size(), all);
    assertThat(consumed.size()).isGreaterThanOrEqualTo(60);
    Set<Long> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> kafkaRecord : consumed) {
      List<LogRecord> decoded = decode(kafkaRecord.value());
      long first = decoded.get(0).attributes().getLong(AttributeNames.LOG_OFFSET);
      for (int j = 0; j < decoded.size(); j++) {
        LogRecord sent = sentByOffset.get(first + 100L * j);
        assertThat(decoded.get(j)).isEqualTo(sent);
        assertThat(sent.attributes().getString(AttributeNames.LOG_FILE_PATH))
            .isEqualTo(decoded.get(0).attributes().getString(AttributeNames.LOG_FILE_PATH));
        assertThat(seen.add(first + 100L * j)).as("record at %d arrived twice", first + 100L * j).isTrue();
      }
      assertThat(key(kafkaRecord)).isEqualTo(decoded.get(0).resource().getString(AttributeNames.SPARK_APP_ID));
    }
    assertThat(seen).isEqualTo(sentByOffset.keySet());
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(sentByOffset.size());
  }

  @Test
  void aValueTheTopicRefusesAsTooLargeIsSplitAndAlonePastItsLimitIsRejected() throws Exception {
    // The topic takes less than the configured max_request_size: the broker refuses the value,
    // the output splits it (from the value it kept) and resends the halves; a single record past
    // the topic's limit is given up on, and the output goes on. (batch_size set within the
    // topic's limit here; the next test leaves it above, for the output to lower.)
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(engineTopic, 1, (short) 1)
                      .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16384"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    start("compression: none\nbatch_size: 16KiB\n");
    Resource pod = sparkPod("spark-app-small", "uid-small");
    List<LogRecord> engine = records(pod, "engine", "/s.log", 0, 600);

    output.send(batch(engine)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    LogRecord huge =
        io.pipelens.agent.output.TestRecords.record(pod, "engine", "/s.log", 1_000_000, "x".repeat(20_000));
    output.send(batch(List.of(huge))).toCompletableFuture().get(60, TimeUnit.SECONDS);
    List<LogRecord> after = records(pod, "engine", "/s.log", 2_000_000, 3);
    output.send(batch(after)).toCompletableFuture().get(60, TimeUnit.SECONDS);

    List<LogRecord> received = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> consumed =
        consumeAtLeast(engineTopic, engine.size() + after.size(), received);
    assertThat(consumed.size()).isGreaterThan(2);
    List<LogRecord> expected = new ArrayList<>(engine);
    expected.addAll(after);
    assertThat(received).isEqualTo(expected);
    assertThat(counter(OutputMetrics.REJECTED_RECORDS)).isEqualTo(1);
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(expected.size());
  }

  @Test
  void aTopicLimitBelowBatchSizeIsLearnedSoNoRefusedBatchIsRetriedForever() throws Exception {
    // The topic takes 32 KiB and batch_size stays at its default of 1023 KiB. Each job's Kafka
    // record fits the topic, but the producer puts all of them in one batch for the partition;
    // the broker refuses that batch, and the producer splits it into batches of batch.size
    // again: the same batch, refused again, forever. The output has to learn the topic's limit.
    createTopic(engineTopic, 32 * 1024);
    start("compression: none\n");
    List<LogRecord> all = new ArrayList<>();
    for (int job = 0; job < 16; job++) {
      Resource pod = sparkPod("spark-app-" + job, "uid-" + job);
      for (LogRecord record : records(pod, "engine", "/job-" + job + ".log", 0, 40)) {
        all.add(record.toBuilder().body(body(new Random(job), 200)).build());
      }
    }

    output.send(batch(all)).toCompletableFuture().get(60, TimeUnit.SECONDS);

    List<LogRecord> received = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> consumed = consumeAtLeast(engineTopic, all.size(), received);
    assertThat(consumed).hasSizeGreaterThanOrEqualTo(16);
    assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(all));
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(all.size());
    assertThat(registry.get(KafkaOutput.BATCH_SIZE_METRIC).tag("output", "kafka-it").gauge().value())
        .isEqualTo(32 * 1024);
  }

  private void createTopic(String topic, int maxMessageBytes) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, 1, (short) 1)
                      .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes)))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static String body(Random random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) ('!' + random.nextInt(94));
    }
    return new String(chars);
  }

  private void start(String extraYaml) throws Exception {
    String yaml =
        "brokers: [" + kafka.bootstrapServers() + "]\n"
            + "topics: {event: " + eventTopic + ", engine: " + engineTopic + ", business: " + businessTopic + "}\n"
            + "linger: 5ms\n"
            + extraYaml;
    KafkaOutputConfig config = ConfigLoader.create(Map.of()).parse(yaml, "kafka.yaml", KafkaOutputConfig.class);
    output = KafkaOutput.create("kafka-it", config, registry, new Liveness());
    output.start();
  }

  private double counter(String name) {
    return registry.get(name).tag("output", "kafka-it").counter().count();
  }

  private static List<LogRecord> decode(byte[] value) {
    try {
      return CODEC.decode(value);
    } catch (io.pipelens.core.codec.CodecException e) {
      throw new AssertionError("A Kafka record is not OTLP protobuf: " + e.getMessage(), e);
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  private List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = poll(topic, r -> r.size() >= count);
    assertThat(records).hasSize(count);
    return records;
  }

  private List<ConsumerRecord<byte[], byte[]>> consumeAtLeast(String topic, int logRecords, List<LogRecord> decoded) {
    List<ConsumerRecord<byte[], byte[]>> records =
        poll(topic, r -> decodedCount(r) >= logRecords);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      decoded.addAll(decode(record.value()));
    }
    return records;
  }

  private static int decodedCount(List<ConsumerRecord<byte[], byte[]>> records) {
    int count = 0;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      count += decode(record.value()).size();
    }
    return count;
  }

  private List<ConsumerRecord<byte[], byte[]>> poll(
      String topic, java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> enough) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!enough.test(records) && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // Anything more (a duplicate, a stray record) would show up now.
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    return records;
  }
}
