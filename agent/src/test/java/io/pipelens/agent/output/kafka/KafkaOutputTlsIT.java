package io.pipelens.agent.output.kafka;

import static io.pipelens.agent.output.TestRecords.batch;
import static io.pipelens.agent.output.TestRecords.records;
import static io.pipelens.agent.output.TestRecords.sparkPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.LogRecord;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.testsupport.SecureKafkaServer;
import io.pipelens.testsupport.TestCertificates;
import io.pipelens.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka output's {@code tls} and {@code sasl} settings against a real broker listener that
 * takes {@code SASL_SSL} (TLS with a certificate made for the run, SASL/PLAIN): the records arrive
 * with the right CA and password, and do not with a wrong CA or a wrong password.
 */
class KafkaOutputTlsIT {

  private static final OtlpLogsCodec CODEC = new OtlpLogsCodec();

  private final SecureKafkaServer kafka = TestServers.secureKafka();
  private final String topic = "tls-engine-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<KafkaOutput> outputs = new ArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void stopOutputs() {
    outputs.forEach(output -> output.stop(Duration.ofSeconds(2)));
  }

  @Test
  void shipsOverTlsWithSaslPlainToTheBrokersListener() throws Exception {
    KafkaOutput output = start(kafka.certificates().certificatePem(), kafka.password());
    List<LogRecord> engine = records(sparkPod("spark-app-tls", "uid-tls"), "engine", "/var/log/d.log", 0, 20);

    output.send(batch(engine)).toCompletableFuture().get(60, TimeUnit.SECONDS);

    assertThat(consume(1)).singleElement()
        .satisfies(record -> assertThat(CODEC.decode(record.value())).isEqualTo(engine));
  }

  @Test
  void aBrokerCertificateItDoesNotTrustOrAWrongPasswordDeliversNothing() throws Exception {
    Files.createDirectories(dir.resolve("other"));
    Path otherCa = TestCertificates.generate(dir.resolve("other")).certificatePem();
    CompletableFuture<Void> untrusted = start(otherCa, kafka.password())
        .send(batch(records(sparkPod("spark-app-x", "uid-x"), "engine", "/x.log", 0, 3))).toCompletableFuture();
    CompletableFuture<Void> refused = start(kafka.certificates().certificatePem(), "not-" + kafka.password())
        .send(batch(records(sparkPod("spark-app-y", "uid-y"), "engine", "/y.log", 0, 3))).toCompletableFuture();

    // The output keeps retrying (nothing is dropped); the batches stay unacknowledged.
    assertThatThrownBy(() -> untrusted.get(6, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(consume(0)).isEmpty();
  }

  private KafkaOutput start(Path caFile, String password) throws Exception {
    String yaml = "brokers: [" + kafka.saslSslBootstrapServers() + "]\n"
        + "topics: {engine: " + topic + "}\n"
        + "linger: 5ms\n"
        + "tls: {enabled: true, ca_file: " + caFile + "}\n"
        + "sasl: {mechanism: PLAIN, username: " + kafka.username() + ", password: " + password + "}\n"
        + "properties: {reconnect.backoff.max.ms: '500'}\n";
    KafkaOutputConfig config = ConfigLoader.create(Map.of()).parse(yaml, "kafka.yaml", KafkaOutputConfig.class);
    KafkaOutput output = KafkaOutput.create("kafka-tls-it", config, new SimpleMeterRegistry(), new Liveness());
    outputs.add(output);
    output.start();
    return output;
  }

  // Read back through the broker's plain listener.
  private List<ConsumerRecord<byte[], byte[]>> consume(int count) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(count == 0 ? 2 : 30);
      while (records.size() < Math.max(count, 1) && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    return records;
  }
}
