package io.pipelens.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Each server starts, takes a write and returns it; Kafka and S3 keep data across a restart. */
class TestServersIT {

  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  /** A document as pipelens would write one. */
  record LogLine(String message, String level) {}

  @Test
  void elasticsearchIndexesAndFindsADocument() throws Exception {
    ElasticsearchServer elasticsearch = TestServers.elasticsearch();
    LogLine line = new LogLine("stage 3 finished on executor 7", "INFO");

    try (RestClientTransport transport =
        new RestClientTransport(
            RestClient.builder(HttpHost.create(elasticsearch.httpUri().toString())).build(),
            new JacksonJsonpMapper())) {
      ElasticsearchClient client = new ElasticsearchClient(transport);
      client.index(i -> i.index("it-logs").id("1").document(line).refresh(Refresh.True));

      GetResponse<LogLine> got = client.get(g -> g.index("it-logs").id("1"), LogLine.class);
      SearchResponse<LogLine> found =
          client.search(
              s ->
                  s.index("it-logs")
                      .query(q -> q.match(m -> m.field("message").query("executor"))),
              LogLine.class);

      assertThat(got.found()).isTrue();
      assertThat(got.source()).isEqualTo(line);
      assertThat(found.hits().hits()).extracting(Hit::source).containsExactly(line);
    }
  }

  @Test
  void kafkaDeliversAnAcknowledgedRecordToAConsumerGroup() throws Exception {
    KafkaServer kafka = TestServers.kafka();
    createTopic(kafka, "it-roundtrip");

    produce(kafka, "it-roundtrip", "job-1", "stage 3 finished");

    assertThat(consume(kafka, "it-roundtrip", "it-roundtrip-group", 1))
        .containsExactly("job-1=stage 3 finished");
  }

  @Test
  void kafkaKeepsRecordsAndAddressAcrossARestart() throws Exception {
    KafkaServer kafka = TestServers.kafka();
    String address = kafka.bootstrapServers();
    createTopic(kafka, "it-restart");
    produce(kafka, "it-restart", "job-2", "before the outage");

    kafka.stop();
    try {
      assertThat(kafka.isRunning()).isFalse();
    } finally {
      kafka.start();
    }
    produce(kafka, "it-restart", "job-2", "after the outage");

    assertThat(kafka.isRunning()).isTrue();
    assertThat(kafka.bootstrapServers()).isEqualTo(address);
    assertThat(consume(kafka, "it-restart", "it-restart-group", 2))
        .containsExactly("job-2=before the outage", "job-2=after the outage");
  }

  @Test
  void s3ReturnsTheBytesThatWerePut() {
    S3Server s3 = TestServers.s3();
    byte[] content = randomBytes(300_000);

    try (S3Client client = s3.client()) {
      client.createBucket(b -> b.bucket("it-roundtrip"));
      client.putObject(
          p -> p.bucket("it-roundtrip").key("logs/app-1/part-0.bin"), RequestBody.fromBytes(content));

      byte[] read =
          client
              .getObjectAsBytes(g -> g.bucket("it-roundtrip").key("logs/app-1/part-0.bin"))
              .asByteArray();

      assertThat(read).isEqualTo(content);
    }
  }

  @Test
  void s3KeepsObjectsAndAddressAcrossARestart() {
    S3Server s3 = TestServers.s3();
    byte[] content = randomBytes(1_000);
    try (S3Client client = s3.client()) {
      client.createBucket(b -> b.bucket("it-restart"));
      client.putObject(p -> p.bucket("it-restart").key("kept.bin"), RequestBody.fromBytes(content));
    }

    s3.stop();
    try {
      assertThat(s3.isRunning()).isFalse();
    } finally {
      s3.start();
    }

    try (S3Client client = s3.client()) {
      byte[] read =
          client.getObjectAsBytes(g -> g.bucket("it-restart").key("kept.bin")).asByteArray();
      assertThat(read).isEqualTo(content);
    }
  }

  private static void createTopic(KafkaServer kafka, String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static void produce(KafkaServer kafka, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer
          .send(new ProducerRecord<>(topic, key, value))
          .get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** The first {@code count} records of {@code topic}, as "key=value", read as a group member. */
  private static List<String> consume(KafkaServer kafka, String topic, String group, int count) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          records.add(record.key() + "=" + record.value());
        }
      }
    }
    return records;
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(42).nextBytes(bytes);
    return bytes;
  }
}
