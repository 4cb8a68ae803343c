package io.pipelens.collector.sink.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.record.LogRecord;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.runtime.ops.HttpConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the collector archives, pipelens' history server reads: a real Spark event log goes through
 * the archive (rolled into several zstd files), and the history server answers the same about the
 * archive as about the original file.
 */
class ArchiveReadByHistoryServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String APP = EventLogLines.APP;

  @TempDir
  Path dir;

  @Test
  void theHistoryServerAnswersAboutTheArchiveAsAboutTheOriginalLog() throws Exception {
    Path original = Files.createDirectories(dir.resolve("original"));
    Files.write(original.resolve(APP), EventLogLines.original());
    Path archive = Files.createDirectories(dir.resolve("archive"));
    ArchiveConfig config = new ArchiveConfig(archive.toUri(), null, null, null, null, null, null,
        DataSize.ofKibibytes(16), Duration.ofMinutes(10), null, null);
    EventLogArchiveSink sink = new EventLogArchiveSink(config, Clock.systemUTC(), new SimpleMeterRegistry());
    sink.start();
    List<LogRecord> records = EventLogLines.records();
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < records.size(); i += 10) {
      acks.add(sink.write(records.subList(i, Math.min(records.size(), i + 10))));
    }
    CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
    sink.stop(Duration.ofSeconds(5));
    assertThat(Files.list(archive.resolve("eventlog_v2_" + APP)).map(p -> p.getFileName().toString())
        .filter(n -> n.startsWith("events_")).count()).as("rolled files").isGreaterThan(1);

    try (HistoryServerService fromOriginal = historyServer(original);
        HistoryServerService fromArchive = historyServer(archive)) {
      JsonNode apps = get(fromArchive, "/api/v1/applications");
      assertThat(apps).hasSize(1);
      assertThat(apps.get(0).path("id").asText()).isEqualTo(APP);
      JsonNode attempt = apps.get(0).path("attempts").get(0);
      assertThat(attempt.path("completed").asBoolean()).as("appstatus without .inprogress").isTrue();
      assertThat(withoutLastUpdated(apps)).isEqualTo(withoutLastUpdated(get(fromOriginal, "/api/v1/applications")));
      for (String path : List.of("", "/jobs", "/stages", "/executors", "/environment")) {
        String api = "/api/v1/applications/" + APP + path;
        assertThat(withoutLastUpdated(get(fromArchive, api))).as(api)
            .isEqualTo(withoutLastUpdated(get(fromOriginal, api)));
      }
      assertThat(get(fromArchive, "/api/v1/applications/" + APP + "/jobs")).hasSize(3);
    }
  }

  private static HistoryServerService historyServer(Path directory) throws Exception {
    HistoryServerService service = new HistoryServerService(new HistoryServerConfig(
        List.of(directory.toUri()), Duration.ofMillis(100), new HttpConfig("127.0.0.1", 0), null, null));
    service.start();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (service.refresher().listing().size() < 1) {
      assertThat(System.nanoTime()).as("a scan of " + directory + " lists the app").isLessThan(end);
      Thread.sleep(50);
    }
    return service;
  }

  private static JsonNode get(HistoryServerService service, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The answer without the log files' modification time, the one thing that differs by nature. */
  private static JsonNode withoutLastUpdated(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(List.of("lastUpdated", "lastUpdatedEpoch"));
    }
    node.forEach(ArchiveReadByHistoryServerTest::strip);
  }
}
