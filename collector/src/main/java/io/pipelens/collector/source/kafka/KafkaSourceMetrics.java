package io.pipelens.collector.source.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/** The Kafka source's meters; names are listed in the package documentation. */
final class KafkaSourceMetrics {

  private final MeterRegistry registry;
  final Counter received;
  final Counter undecodable;
  private final Map<TopicPartition, AtomicLong> lag = new HashMap<>(); // consumer thread only
  private final Map<TopicPartition, Meter> lagGauges = new HashMap<>();

  KafkaSourceMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received = Counter.builder("pipelens_collector_received_records")
        .description("Log records received, by source").tag("source", "kafka").register(registry);
    this.undecodable = Counter.builder("pipelens_collector_kafka_undecodable_messages")
        .description("Kafka messages that were not OTLP protobuf; sent to the dead letter queue")
        .register(registry);
  }

  /** Records the consumer's lag for {@code partition}, registering its gauge on first sight. */
  void lag(TopicPartition partition, OptionalLong value) {
    if (value.isEmpty()) {
      return;
    }
    lag.computeIfAbsent(partition, tp -> {
      AtomicLong holder = new AtomicLong();
      lagGauges.put(tp, Gauge.builder("pipelens_collector_kafka_lag", holder, AtomicLong::get)
          .description("Messages between the consumer's position and the end of the partition")
          .tag("topic", tp.topic())
          .tag("partition", Integer.toString(tp.partition()))
          .register(registry));
      return holder;
    }).set(value.getAsLong());
  }

  /** Drops the gauge of a partition this consumer no longer owns, so it does not report stale lag. */
  void forget(TopicPartition partition) {
    lag.remove(partition);
    Meter gauge = lagGauges.remove(partition);
    if (gauge != null) {
      registry.remove(gauge);
    }
  }
}
