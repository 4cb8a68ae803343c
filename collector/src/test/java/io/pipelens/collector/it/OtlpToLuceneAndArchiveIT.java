package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.logsearch.LogHit;
import io.pipelens.logsearch.LogQuery;
import io.pipelens.logsearch.LogSearch;
import io.pipelens.logsearch.LuceneLogSearch;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector without an elasticsearch section: OTLP in, the embedded Lucene index and the
 * event-log archive out. A 200 means stored, so everything is there when the request returns.
 */
class OtlpToLuceneAndArchiveIT {

  private static final String TOKEN = "token-of-team-l";

  @TempDir
  Path dir;

  @Test
  void logsAreSearchableAndEventLogsArchivedWhenTheRequestIsAnswered() throws Exception {
    Path archive = dir.resolve("spark-events");
    String yaml = """
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        lucene: {commit_interval: 200ms}
        otlp:
          http: {host: 127.0.0.1, port: 0}
          grpc: {enabled: false}
          tokens:
            - {token: %s, team: team-l}
        archive:
          directory: "%s"
          roll_interval: 300ms
        """.formatted(dir.resolve("data"), TOKEN, archive.toUri());
    CollectorConfig config = ConfigLoader.create(Map.of()).parse(yaml, "test collector", CollectorConfig.class);
    Resource driver = Records.sparkDriver("lucene", "uid-l");
    List<String> eventLines = List.of(
        "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.0.0\"}",
        "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"x\",\"App ID\":\"spark-0001\"}",
        "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":1}");
    List<LogRecord> records = new ArrayList<>();
    records.add(Records.engineLine(driver, 0, "Executor lost: heartbeat timeout"));
    records.add(Records.engineLine(driver, 100, "Starting task 1.0"));
    long offset = 0;
    for (String line : eventLines) {
      records.add(LogRecord.builder().timestamp(Records.T0).body(line).resource(driver)
          .attributes(Attributes.builder()
              .put(AttributeNames.PIPELENS_STREAM, "event")
              .put(AttributeNames.LOG_FILE_PATH, "/spark-events/spark-0001.inprogress")
              .put(AttributeNames.LOG_OFFSET, offset)
              .build())
          .build());
      offset += line.length() + 1;
    }
    try (Collector collector = Collector.create(config)) {
      collector.start();
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + collector.otlpPort() + "/v1/logs"))
          .header("Content-Type", "application/x-protobuf")
          .header("Authorization", "Bearer " + TOKEN)
          .POST(HttpRequest.BodyPublishers.ofByteArray(Harness.otlp(records.toArray(new LogRecord[0]))))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);

      try (LogSearch search = collector.search()) {
        List<LogHit> hits = search.search(LogQuery.all().withSparkAppId("spark-0001")).hits();
        // Event lines go to the archive only (archive.index_events is false).
        assertThat(hits).extracting(LogHit::message).containsExactly("Starting task 1.0",
            "Executor lost: heartbeat timeout");
        assertThat(search.search(LogQuery.all().withText("heartbeat").withLevel("warn")).hits()).hasSize(1);
      }
      Path eventLog = archive.resolve("eventlog_v2_spark-0001");
      assertThat(Files.exists(eventLog.resolve("appstatus_spark-0001"))).isTrue();
      try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(
          Files.readAllBytes(eventLog.resolve("events_1_spark-0001.zstd"))))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo(String.join("\n", eventLines) + "\n");
      }
      assertThat(Harness.meter(collector, "pipelens_collector_sent_records", "output", "lucene")).isEqualTo(2);
      assertThat(Harness.meter(collector, "pipelens_collector_sent_records", "output", "archive")).isEqualTo(3);
    }
    // The history server's way in: the index directory, read-only, after the collector is gone.
    try (LogSearch reader = LuceneLogSearch.open(dir.resolve("data").resolve("index"))) {
      assertThat(reader.search(LogQuery.all()).hits()).hasSize(2);
    }
  }
}
