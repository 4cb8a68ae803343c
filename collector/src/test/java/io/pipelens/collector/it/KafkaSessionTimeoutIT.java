package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka.session_timeout} reaches the consumer: with 6 s, the group coordinator gives a
 * SIGKILLed collector's partitions to the survivor well within the 45 s Kafka's default would take,
 * without removing the dead member through the Admin API as {@link ConsumerGroupIT} does.
 */
class KafkaSessionTimeoutIT {

  private static final int PARTITIONS = 4;

  @Test
  void aKilledCollectorsPartitionsMoveAfterTheConfiguredSessionTimeout() throws Exception {
    String topic = "st-topic";
    String group = "g-session-timeout";
    try (KafkaGroups kafka = new KafkaGroups()) {
      kafka.createTopic(topic, PARTITIONS);
      try (CollectorProcess a = CollectorProcess.launch("session-a", yaml(topic, group, "session-a"));
          CollectorProcess b = CollectorProcess.launch("session-b", yaml(topic, group, "session-b"))) {
        a.awaitReady();
        b.awaitReady();
        Harness.await("both collectors to own partitions", Duration.ofSeconds(30), () -> {
          Map<String, Set<TopicPartition>> members = members(kafka, group);
          return members.size() == 2 && members.values().stream().noneMatch(Set::isEmpty);
        });
        a.kill();
        long killed = System.nanoTime();
        // Below Kafka's default 45 s: only the configured 6 s lets this pass.
        Harness.await("b to own every partition", Duration.ofSeconds(30), () -> {
          Map<String, Set<TopicPartition>> members = members(kafka, group);
          return members.size() == 1 && members.values().iterator().next().size() == PARTITIONS;
        });
        System.out.printf("KafkaSessionTimeoutIT: the survivor owned every partition %.1f s after the kill%n",
            (System.nanoTime() - killed) / 1e9);
      }
    }
  }

  private static String yaml(String topic, String group, String name) {
    Path data = Path.of("target", "it-collectors", name + "-data").toAbsolutePath();
    return """
        data_dir: %s
        kafka:
          brokers: ["%s"]
          group_id: %s
          topics: [%s]
          session_timeout: 6s
          heartbeat_interval: 1s
        """.formatted(data, Harness.kafka(), group, topic);
  }

  private static Map<String, Set<TopicPartition>> members(KafkaGroups kafka, String group) {
    try {
      return kafka.members(group);
    } catch (Exception e) {
      return Map.of();
    }
  }
}
