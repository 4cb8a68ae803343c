package io.pipelens.collector.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.source.kafka.KafkaConnection;
import io.pipelens.collector.source.kafka.KafkaSourceConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters to a Kafka topic: the payload as the message value, and {@code pipelens.dlq.stage},
 * {@code pipelens.dlq.reason}, {@code pipelens.dlq.origin} and {@code content-type} as headers, so
 * a replay tool can feed the payload back to the topic it came from.
 */
public final class KafkaDeadLetterQueue implements DeadLetterQueue {

  private final Map<String, Object> properties;
  private final String topic;
  private final DeadLetterMetrics metrics;
  private volatile KafkaProducer<byte[], byte[]> producer;

  /** A queue writing to {@code topic} on the brokers of {@code kafka}. */
  public KafkaDeadLetterQueue(KafkaSourceConfig kafka, String topic, MeterRegistry registry) {
    this.properties = KafkaConnection.properties(kafka);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "pipelens-collector-dlq");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // While the brokers are down a send waits instead of failing, like the source it protects.
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
    this.topic = topic;
    this.metrics = new DeadLetterMetrics(registry);
  }

  @Override
  public String name() {
    return "dead-letter-kafka";
  }

  @Override
  public void start() {
    producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public CompletableFuture<Void> send(DeadLetter letter) {
    KafkaProducer<byte[], byte[]> current = producer;
    if (current == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("dead letter queue is not running"));
    }
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, letter.payload());
    record.headers()
        .add("content-type", utf8(letter.contentType()))
        .add("pipelens.dlq.stage", utf8(letter.stage()))
        .add("pipelens.dlq.reason", utf8(letter.reason()))
        .add("pipelens.dlq.origin", utf8(letter.origin()));
    CompletableFuture<Void> stored = new CompletableFuture<>();
    try {
      current.send(record, (metadata, error) -> {
        if (error != null) {
          stored.completeExceptionally(error);
        } else {
          metrics.stored(letter);
          stored.complete(null);
        }
      });
    } catch (RuntimeException e) {
      stored.completeExceptionally(e);
    }
    return stored;
  }

  @Override
  public void stop(Duration deadline) {
    KafkaProducer<byte[], byte[]> current = producer;
    producer = null;
    if (current != null) {
      current.close(deadline);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
