package io.pipelens.collector.source.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.logsearch.LogHit;
import io.pipelens.logsearch.LogQuery;
import io.pipelens.logsearch.LogSearch;
import io.pipelens.runtime.channel.RecordChannel;
import io.pipelens.testsupport.OpsEndpoints;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector reading an in-process channel into its embedded Lucene index. */
class ChannelSourceTest {

  @TempDir
  Path dir;

  private final String channelName = "collector-test-" + UUID.randomUUID().toString().substring(0, 8);

  private static LogRecord line(long offset, String message) {
    return LogRecord.builder()
        .timestamp(Instant.parse("2025-03-01T10:00:00Z").plusMillis(offset))
        .severity(Severity.INFO)
        .severityText("INFO")
        .body(message)
        .resource(Resource.of(Attributes.builder()
            .put(AttributeNames.K8S_POD_UID, "uid-c")
            .put(AttributeNames.K8S_POD_NAME, "driver-c")
            .put(AttributeNames.SPARK_APP_ID, "spark-c")
            .build()))
        .attributes(Attributes.builder()
            .put(AttributeNames.PIPELENS_STREAM, "engine")
            .put(AttributeNames.LOG_FILE_PATH, "/var/log/pods/ns_driver-c_uid-c/spark/0.log")
            .put(AttributeNames.LOG_OFFSET, offset)
            .build())
        .build();
  }

  private CollectorConfig config() throws ConfigException {
    return ConfigLoader.create(Map.of()).parse("""
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        lucene: {commit_interval: 100ms}
        channel: {name: %s}
        """.formatted(dir.resolve("data"), channelName), "collector.yaml", CollectorConfig.class);
  }

  @Test
  void sendsCompleteOnceTheIndexCommittedAndTheRecordsAreSearchable() throws Exception {
    RecordChannel.Sender agent = RecordChannel.named(channelName).sender(1 << 20);
    try (Collector collector = Collector.create(config())) {
      collector.start();
      CompletableFuture<Void> first = agent.send(List.of(line(0, "Executor lost"), line(20, "Starting task 1.0")), 200);
      CompletableFuture<Void> second = agent.send(List.of(line(40, "Finished task 1.0")), 100);
      CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);

      // Acknowledged means committed: searchable at once, nothing to wait for.
      try (LogSearch search = collector.search()) {
        List<LogHit> hits = search.search(LogQuery.all().withSparkAppId("spark-c")).hits();
        assertThat(hits).extracting(LogHit::message)
            .containsExactly("Finished task 1.0", "Starting task 1.0", "Executor lost");
      }
      assertThat(collector.ops().registry().get("pipelens_collector_received_records")
          .tag("source", "channel").counter().count()).isEqualTo(3);
      assertThat(agent.pendingBytes()).isZero();
    }
  }

  @Test
  void batchesSentWhileNoCollectorReadsWaitInTheChannelForTheNextOne() throws Exception {
    RecordChannel.Sender agent = RecordChannel.named(channelName).sender(1 << 20);
    try (Collector collector = Collector.create(config())) {
      collector.start();
    }
    CompletableFuture<Void> waiting = agent.send(List.of(line(0, "sent while the collector was down")), 100);
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(waiting).isNotDone();
    assertThat(RecordChannel.named(channelName).queued()).isEqualTo(1);

    try (Collector collector = Collector.create(config())) {
      collector.start();
      waiting.get(30, TimeUnit.SECONDS);
      try (LogSearch search = collector.search()) {
        assertThat(search.search(LogQuery.all().withText("collector")).hits()).hasSize(1);
      }
    }
  }

  @Test
  void aBatchThatEndsTheReadingLoopFailsHealthzNamingTheSource() throws Exception {
    // A body nested deeper than any thread's stack (OTLP decoders cap the depth; the in-process
    // channel does not): turning it into a document overflows the reading thread's stack.
    AnyValue body = AnyValue.of("leaf");
    for (int i = 0; i < 200_000; i++) {
      body = AnyValue.ofArray(body);
    }
    LogRecord deep = LogRecord.builder().timestamp(Instant.parse("2025-03-01T10:00:00Z")).body(body)
        .resource(line(0, "x").resource()).attributes(line(0, "x").attributes()).build();
    RecordChannel.Sender agent = RecordChannel.named(channelName).sender(1 << 20);
    try (Collector collector = Collector.create(config())) {
      collector.start();
      CompletableFuture<Void> sent = agent.send(List.of(deep), 100);

      HttpResponse<String> health = awaitHealthz(collector, 503);

      assertThat(health.body()).contains("\"collector.source.channel\":{\"error\":\"java.lang.StackOverflowError\"");
      assertThat(collector.ops().registry().get("pipelens.worker.failures")
          .tag("component", "collector").tag("worker", "collector.source.channel").counter().count()).isEqualTo(1);
      assertThat(sent).as("not acknowledged: the agent keeps it for the restarted collector").isNotDone();
    }
  }

  private static HttpResponse<String> awaitHealthz(Collector collector, int status) throws Exception {
    HttpResponse<String> response = OpsEndpoints.awaitStatus(
        collector.ops().port(), "/healthz", code -> code == status, Duration.ofSeconds(30));
    assertThat(response.statusCode()).as("/healthz: %s", response.body()).isEqualTo(status);
    return response;
  }


  @Test
  void theChannelNeedsAValidName() {
    assertThatThrownBy(() -> ConfigLoader.create(Map.of())
        .parse("channel: {name: 'no spaces'}", "collector.yaml", CollectorConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("channel.name");
  }
}
