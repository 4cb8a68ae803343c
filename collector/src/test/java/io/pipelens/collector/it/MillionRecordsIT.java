package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@value #RECORDS} records, OTLP protobuf batches of {@value #PER_BATCH} on Kafka, reach
 * Elasticsearch exactly once while the collector (a child process) is SIGKILLed and restarted
 * twice under load.
 *
 * <p>Measured on the 2-core development machine (Elasticsearch a child process, Kafka in the test
 * JVM): producing takes 3-4 s; indexing through the three collector runs took 100 s when the
 * machine was otherwise quiet and 126-134 s while other builds ran, 7,500-10,000 documents/s. That
 * is over the 90 s hoped for, but the whole suite stays far inside CI's 30 minutes, so the count
 * stays at a million.
 *
 * <p>After each kill the test removes the dead member from the consumer group through the Admin
 * API rather than waiting the 45 s session timeout after which the coordinator would do the same;
 * the restarted collector then resumes from the last committed offsets.
 */
class MillionRecordsIT {

  static final int RECORDS = 1_000_000;
  static final int PER_BATCH = 1_000;
  private static final int BATCHES = RECORDS / PER_BATCH;
  private static final int PARTITIONS = 3;

  @Test
  void aMillionRecordsArriveExactlyOnceAcrossTwoKills() throws Exception {
    String topic = "mr-million";
    String group = "g-million";
    String stream = "mr-engine.spark-million";
    String yaml = """
        shutdown_timeout: 10s
        kafka:
          brokers: ["%s"]
          group_id: %s
          topics: [%s]
          max_poll_records: 20
        elasticsearch:
          urls: ["%s"]
          index_prefix: mr
          number_of_replicas: 0
          bulk: {flush_interval: 200ms}
          dead_letter: {kafka_topic: mr-dlq}
        """.formatted(Harness.kafka(), group, topic, Harness.es());
    long begin = System.nanoTime();
    List<String> timeline = new ArrayList<>();
    try (KafkaGroups kafka = new KafkaGroups()) {
      kafka.createTopic(topic, PARTITIONS);
      KafkaGroups.produce(topic, PARTITIONS, 0, BATCHES, MillionRecordsIT::batch);
      timeline.add("produced in " + seconds(begin) + " s");
      begin = System.nanoTime();
      for (int run = 1; run <= 2; run++) {
        long killAt = RECORDS * run / 3;
        try (CollectorProcess collector = CollectorProcess.launch("million-" + run, yaml).awaitReady()) {
          awaitAtLeast(stream, killAt, Duration.ofSeconds(120));
          timeline.add("run " + run + " found " + duplicates(collector) + " already indexed");
          collector.kill();
        }
        timeline.add("killed run " + run + " at " + count(stream) + " indexed, " + seconds(begin) + " s after the first start");
        kafka.expireMembers(group);
      }
      try (CollectorProcess collector = CollectorProcess.launch("million-3", yaml).awaitReady()) {
        awaitAtLeast(stream, RECORDS, Duration.ofSeconds(180));
        timeline.add("run 3 found " + duplicates(collector) + " already indexed");
        timeline.add("all " + RECORDS + " indexed " + seconds(begin) + " s after the first start");
        Harness.await("every offset committed", Duration.ofSeconds(30), () -> committed(kafka, group) == BATCHES);
      }
      System.out.println("MillionRecordsIT: " + String.join("; ", timeline));
    }
    assertThat(Harness.count(stream)).isEqualTo(RECORDS);
  }

  /** Batch {@code i}: records at log offsets {@code i * PER_BATCH} and on, 100-byte bodies. */
  static List<LogRecord> batch(int i) {
    Resource driver = Records.sparkDriver("million", "uid-million");
    List<LogRecord> records = new ArrayList<>(PER_BATCH);
    for (int j = 0; j < PER_BATCH; j++) {
      long offset = (long) i * PER_BATCH + j;
      String body = String.format("%-100s", "INFO Executor: finished task " + offset + " in stage 3.0 (TID " + j + ")");
      records.add(Records.engineLine(driver, offset, body));
    }
    return records;
  }

  /** Records the collector sent that Elasticsearch already had: redeliveries after a kill. */
  private static long duplicates(CollectorProcess collector) throws Exception {
    return (long) collector.meter("pipelens_collector_es_duplicates", "");
  }

  private static long seconds(long begin) {
    return (System.nanoTime() - begin) / 1_000_000_000;
  }

  private static long committed(KafkaGroups kafka, String group) {
    try {
      return kafka.committed(group);
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * Waits until {@code stream} counts at least {@code n}, every 500 ms and without forcing a
   * refresh (Elasticsearch refreshes every second), so the polling does not slow the indexing.
   */
  private static void awaitAtLeast(String stream, long n, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    long count = 0;
    while (System.nanoTime() < end) {
      count = Harness.request("GET", "/" + stream + "/_count?ignore_unavailable=true&allow_no_indices=true", null)
          .path("count").asLong();
      if (count >= n) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("after " + timeout + " " + stream + " counts " + count + ", not " + n);
  }

  private static long count(String stream) {
    try {
      return Harness.count(stream);
    } catch (Exception e) {
      return -1;
    }
  }
}
