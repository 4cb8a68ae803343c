package io.pipelens.collector.source.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.pipeline.ReceivedRecords;
import io.pipelens.collector.pipeline.RecordLabels;
import io.pipelens.core.record.ComputeType;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka source's meters; names are listed in the package documentation. Meters of the source
 * itself carry {@code compute_type="fixed"}: Kafka is where DaemonSet agents, on fixed nodes, write.
 */
final class KafkaSourceMetrics {

  /** The compute type of what arrives through Kafka. */
  static final String COMPUTE_TYPE = ComputeType.FIXED.wireName();

  private final MeterRegistry registry;
  final ReceivedRecords received;
  final Counter undecodable;
  private final Map<TopicPartition, AtomicLong> lag = new HashMap<>(); // consumer thread only
  private final Map<TopicPartition, Meter> lagGauges = new HashMap<>();

  KafkaSourceMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received = new ReceivedRecords(registry, "kafka");
    this.undecodable = Counter.builder("pipelens_collector_kafka_undecodable_messages")
        .description("Kafka messages that were not OTLP protobuf; sent to the dead letter queue")
        .tag(RecordLabels.COMPUTE_TYPE, COMPUTE_TYPE)
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
          .tag(RecordLabels.COMPUTE_TYPE, COMPUTE_TYPE)
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
