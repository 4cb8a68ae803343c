package io.pipelens.collector.it;

import static io.pipelens.collector.it.Harness.awaitCount;
import static io.pipelens.collector.it.Harness.collector;
import static io.pipelens.collector.it.Harness.meter;
import static io.pipelens.collector.it.Harness.otlp;
import static io.pipelens.collector.it.Harness.produce;
import static io.pipelens.collector.it.KafkaToElasticsearchIT.committed;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.app.Collector;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.testsupport.ElasticsearchServer;
import io.pipelens.testsupport.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Elasticsearch goes away for 20 s: the collector pauses, commits nothing unindexed, and catches up. */
class ElasticsearchOutageIT {

  private static final String TOPIC = "k2e-outage";
  private static final String GROUP = "g-outage";
  private static final String STREAM = "ko-engine.spark-outage";

  @Test
  void consumptionPausesAndEverythingArrivesExactlyOnceAfterTheRestart() throws Exception {
    Resource driver = Records.sparkDriver("outage", "uid-outage");
    ElasticsearchServer elasticsearch = TestServers.elasticsearch();
    // Small requests and one worker, so 10 buffered documents already fill the sink and it pauses.
    String smallSink = "{flush_interval: 200ms, max_actions: 5, concurrency: 1}";
    try (Collector collector = collector("ko", TOPIC, GROUP, smallSink, "")) {
      produce(TOPIC, otlp(lines(driver, 0, 10)));
      assertThat(awaitCount(STREAM, 10, Duration.ofSeconds(30))).isEqualTo(10);
      Harness.await("the first batch committed", Duration.ofSeconds(10), () -> committed(GROUP, TOPIC) == 1);

      elasticsearch.stop();
      try {
        for (int batch = 1; batch <= 10; batch++) {
          produce(TOPIC, otlp(lines(driver, batch * 10, 10)));
        }
        Harness.await("readiness to fail", Duration.ofSeconds(15), () -> !collector.elasticsearchReachable());
        Thread.sleep(15_000);
        assertThat(committed(GROUP, TOPIC)).as("nothing committed past what was indexed").isEqualTo(1);
        assertThat(meter(collector, "pipelens_collector_received_records", "source", "kafka"))
            .as("consumption paused before reading all 110 records").isLessThan(110);
        assertThat(meter(collector, "pipelens_collector_kafka_lag", "topic", TOPIC, "partition", "0"))
            .as("lag while paused").isGreaterThan(0);
      } finally {
        elasticsearch.start();
      }
      assertThat(awaitCount(STREAM, 110, Duration.ofSeconds(60))).isEqualTo(110);
      Harness.await("every batch committed", Duration.ofSeconds(30), () -> committed(GROUP, TOPIC) == 11);
      Harness.await("readiness to pass", Duration.ofSeconds(15), collector::elasticsearchReachable);
      assertThat(Harness.count(STREAM)).isEqualTo(110);
    }
  }

  private static LogRecord[] lines(Resource resource, int first, int n) {
    LogRecord[] lines = new LogRecord[n];
    for (int i = 0; i < n; i++) {
      lines[i] = Records.engineLine(resource, (first + i) * 100L, "line " + (first + i));
    }
    return lines;
  }
}
