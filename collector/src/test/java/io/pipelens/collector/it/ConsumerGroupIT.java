package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Two collectors, each its own process, in one consumer group on a topic with six partitions: they
 * share the partitions, and SIGKILLing one in the middle of the stream loses nothing and duplicates
 * nothing: every produced record is in Elasticsearch exactly once.
 *
 * <p>After the kill the test removes the group's members through the Admin API instead of waiting
 * the 45 s until the coordinator expires the dead member's session (Kafka's default, which {@code
 * kafka.session_timeout} keeps; {@link KafkaSessionTimeoutIT} shortens it); the survivor is removed too and rejoins at once. Either way the dead member's
 * partitions restart from their last committed offsets, so what it had polled, indexed or not,
 * is read again, and the idempotent document ids make that harmless.
 */
class ConsumerGroupIT {

  private static final int PARTITIONS = 6;
  private static final int BATCHES = 120;
  private static final int PER_BATCH = 250;
  private static final String SENT = "pipelens_collector_sent_records";
  private static final String ES = "output=\"elasticsearch\"";

  @Test
  void twoCollectorsShareThePartitionsAndKillingOneLosesNothing() throws Exception {
    String topic = "cg-shared";
    String group = "g-cg-shared";
    String stream = "cg-engine.spark-group";
    String yaml = """
        shutdown_timeout: 10s
        kafka:
          brokers: ["%s"]
          group_id: %s
          topics: [%s]
        elasticsearch:
          urls: ["%s"]
          index_prefix: cg
          number_of_replicas: 0
          bulk: {flush_interval: 200ms}
          dead_letter: {kafka_topic: cg-dlq}
        """.formatted(Harness.kafka(), group, topic, Harness.es());
    int half = BATCHES / 2 * PER_BATCH;
    int total = BATCHES * PER_BATCH;
    try (KafkaGroups kafka = new KafkaGroups()) {
      kafka.createTopic(topic, PARTITIONS);
      try (CollectorProcess a = CollectorProcess.launch("group-a", yaml);
          CollectorProcess b = CollectorProcess.launch("group-b", yaml)) {
        a.awaitReady();
        b.awaitReady();
        Harness.await("both collectors to own partitions", Duration.ofSeconds(30), () -> {
          Map<String, Set<TopicPartition>> members = members(kafka, group);
          return members.size() == 2 && members.values().stream().noneMatch(Set::isEmpty)
              && members.values().stream().mapToInt(Set::size).sum() == PARTITIONS;
        });

        KafkaGroups.produce(topic, PARTITIONS, 0, BATCHES / 2, ConsumerGroupIT::batch);
        assertThat(Harness.awaitCount(stream, half, Duration.ofSeconds(60))).isEqualTo(half);
        double sentByA = a.meter(SENT, ES);
        double sentByB = b.meter(SENT, ES);
        assertThat(sentByA).as("indexed by a").isPositive();
        assertThat(sentByB).as("indexed by b").isPositive();
        assertThat(sentByA + sentByB).isEqualTo(half);

        // The second half, and a dies with its share of it under way: polled, in bulk requests,
        // indexed but not committed.
        KafkaGroups.produce(topic, PARTITIONS, BATCHES / 2, BATCHES, ConsumerGroupIT::batch);
        Harness.await("indexing of the second half to begin", Duration.ofSeconds(30),
            () -> count(stream) > half + 2 * PER_BATCH);
        a.kill();
        long atKill = Harness.count(stream);
        kafka.expireMembers(group);

        Harness.await("b to own every partition", Duration.ofSeconds(30), () -> {
          Map<String, Set<TopicPartition>> members = members(kafka, group);
          return members.size() == 1 && members.values().iterator().next().size() == PARTITIONS;
        });
        assertThat(Harness.awaitCount(stream, total, Duration.ofSeconds(60))).isEqualTo(total);
        Harness.await("every offset committed", Duration.ofSeconds(30), () -> committed(kafka, group) == BATCHES);
        assertThat(atKill).as("the kill came before the end").isLessThan(total);
        System.out.printf("ConsumerGroupIT: a indexed %.0f and b %.0f of the first %d; a killed at %d indexed;"
            + " b then found %.0f already indexed%n", sentByA, sentByB, half, atKill,
            b.meter("pipelens_collector_es_duplicates", ""));
      }
    }
    assertThat(Harness.count(stream)).isEqualTo(total);
  }

  /** Batch {@code i}: records with log offsets {@code i * PER_BATCH} and on, one file, distinct ids. */
  static List<LogRecord> batch(int i) {
    Resource driver = Records.sparkDriver("group", "uid-group");
    List<LogRecord> records = new ArrayList<>(PER_BATCH);
    for (int j = 0; j < PER_BATCH; j++) {
      long offset = (long) i * PER_BATCH + j;
      records.add(Records.engineLine(driver, offset, "line " + offset));
    }
    return records;
  }

  private static Map<String, Set<TopicPartition>> members(KafkaGroups kafka, String group) {
    try {
      return kafka.members(group);
    } catch (Exception e) {
      return Map.of();
    }
  }

  private static long committed(KafkaGroups kafka, String group) {
    try {
      return kafka.committed(group);
    } catch (Exception e) {
      return -1;
    }
  }

  private static long count(String stream) {
    try {
      return Harness.count(stream);
    } catch (Exception e) {
      return -1;
    }
  }
}
