package io.pipelens.launcher;

import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.LogRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic the agent writes (OTLP-encoded batches) from the beginning, on a thread of its
 * own, and hands every record body to a check (by default: keep the distinct bodies); survives a
 * broker outage as any consumer does.
 */
final class TopicLines extends Thread {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  final Set<String> bodies = ConcurrentHashMap.newKeySet();
  final AtomicLong received = new AtomicLong();
  final AtomicLong corrupt = new AtomicLong();
  private final Predicate<String> accept;
  private volatile boolean stopping;

  /** Keeps every distinct body in {@link #bodies}. */
  TopicLines(String brokers, String topic) {
    this(brokers, topic, null);
  }

  /**
   * Hands every text body to {@code accept}, which says whether it is one the test wrote; a body
   * it refuses, an undecodable batch and a body that is not text count as corrupt.
   */
  TopicLines(String brokers, String topic, Predicate<String> accept) {
    super("topic-lines-" + topic);
    this.accept = accept != null ? accept : body -> {
      bodies.add(body);
      return true;
    };
    setDaemon(true);
    Properties properties = new Properties();
    properties.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    this.consumer = new KafkaConsumer<>(properties);
    this.topic = topic;
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic));
    OtlpLogsCodec codec = new OtlpLogsCodec();
    try {
      while (!stopping) {
        for (ConsumerRecord<byte[], byte[]> message : consumer.poll(Duration.ofMillis(200))) {
          List<LogRecord> records;
          try {
            records = codec.decode(message.value());
          } catch (Exception e) {
            corrupt.incrementAndGet();
            continue;
          }
          for (LogRecord record : records) {
            received.incrementAndGet();
            if (!(record.body() instanceof AnyValue.StringValue text) || !accept.test(text.value())) {
              corrupt.incrementAndGet();
            }
          }
        }
      }
    } finally {
      consumer.close();
    }
  }

  /** Waits until {@code done} holds or {@code timeout} passes; returns whether it holds. */
  boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return true;
  }

  void finish() throws InterruptedException {
    stopping = true;
    join(10_000);
  }
}
