package io.pipelens.history.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import io.pipelens.runtime.ops.HttpConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryServerServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void scansOnASchedulePublishesMetricsAndServesTheApi() throws Exception {
    Path logs = SampleEventLogs.copyTo(dir.resolve("spark-events"));
    try (HistoryServerService service = new HistoryServerService(config(logs))) {
      service.start();
      int port = service.port();

      awaitTrue(() -> status(port, "/readyz") == 200, "ready after the first scan");
      String metrics = Http.get(port, "/metrics").body();
      assertThat(metrics)
          .contains("pipelens_history_applications 4.0")
          .contains("pipelens_history_listing_duration_seconds_count")
          .contains("pipelens_history_parse_errors_total{reason=\"corrupt\"} 0.0")
          .contains("pipelens_history_logs_skipped{reason=\"undecodable\"} 0.0")
          .contains("pipelens_history_decode_problems_total{reason=\"limit\"} 0.0")
          // The JVM meters, bound by the ops side's start, after the first scan has begun.
          .contains("pipelens_build_info{component=\"history-server\"")
          .contains("jvm_memory_used_bytes");

      TestLogs.copy(logs, TestLogs.LOCAL_1422981780767);
      awaitTrue(
          () -> service.refresher().listing().size() == 5, "a new log is listed by a later scan");
      assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
          .contains(ListingScheduler.THREAD_NAME);

      HttpResponse<String> apps = Http.get(port, "/api/v1/applications");
      assertThat(apps.statusCode()).isEqualTo(200);
      assertThat(ids(JSON.readTree(apps.body())))
          .containsExactly(
              "local-1766844910796",
              "application_1578436911597_0052",
              "local-1430917381535",
              "local-1422981780767",
              "application_1553914137147_0018");
      assertThat(Http.get(port, "/api/v1/applications/foobar").body())
          .isEqualTo("unknown app: foobar");
      assertThat(Http.get(port, "/api/v1/version").statusCode()).isEqualTo(200);

      String jobs = "/api/v1/applications/local-1422981780767/jobs";
      assertThat(JSON.readTree(Http.get(port, jobs).body())).hasSize(3);
      assertThat(Http.get(port, jobs).statusCode()).isEqualTo(200);
      String replayed = Http.get(port, "/metrics").body();
      assertThat(replayed)
          .contains("pipelens_history_apps_loaded 1.0")
          .containsPattern("pipelens_history_apps_loaded_size_bytes [1-9][0-9]{3,}")
          .contains("pipelens_history_app_cache_requests_total{result=\"miss\"} 1.0")
          .contains("pipelens_history_app_cache_requests_total{result=\"hit\"} 1.0")
          .contains("pipelens_history_replay_duration_seconds_count 1")
          .contains("pipelens_history_replay_lines_skipped_total{reason=\"corrupt\"} 0.0")
          .containsPattern("pipelens_history_replay_bytes_total [1-9]");
    }
  }

  /**
   * The real server, stopped and started again on the same {@code cache.dir}: the second process
   * answers from the snapshot the first wrote, without replaying, with the same answer; a third,
   * after the snapshot was cut short, counts it as corrupt and replays.
   */
  @Test
  void aRestartAnswersFromTheSnapshotWithoutReplaying() throws Exception {
    Path logs = TestLogs.copy(dir.resolve("spark-events"), TestLogs.SQL_3_3);
    Path cacheDir = dir.resolve("cache");
    String stages = "/api/v1/applications/" + TestLogs.SQL_3_3 + "/stages?details=true";
    String first;
    try (HistoryServerService service = new HistoryServerService(config(logs, cacheDir))) {
      service.start();
      int port = service.port();
      awaitTrue(() -> status(port, "/readyz") == 200, "ready after the first scan");
      first = Http.get(port, stages).body();
      awaitTrue(
          () -> metrics(port).contains("pipelens_history_snapshot_writes_total{result=\"written\"} 1.0"),
          "the snapshot written");
      assertThat(metrics(port))
          .contains("pipelens_history_snapshot_requests_total{result=\"miss\"} 1.0")
          .contains("pipelens_history_replay_duration_seconds_count 1")
          .containsPattern("pipelens_history_snapshot_disk_bytes [1-9]");
      service.stop(Duration.ofSeconds(5));
    }

    try (HistoryServerService service = new HistoryServerService(config(logs, cacheDir))) {
      service.start();
      int port = service.port();
      awaitTrue(() -> status(port, "/readyz") == 200, "ready after the first scan");
      HttpResponse<String> again = Http.get(port, stages);

      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(first);
      assertThat(metrics(port))
          .contains("pipelens_history_snapshot_requests_total{result=\"hit\"} 1.0")
          .contains("pipelens_history_snapshot_requests_total{result=\"miss\"} 0.0")
          .contains("pipelens_history_replay_duration_seconds_count 0")
          .contains("pipelens_history_snapshot_rejected_total{reason=\"corrupt\"} 0.0");
      service.stop(Duration.ofSeconds(5));
    }

    // A damaged snapshot: counted, the log replayed, the same answer.
    Path snapshot;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(cacheDir)) {
      snapshot = files.filter(f -> f.toString().endsWith(".snap")).findFirst().orElseThrow();
    }
    byte[] bytes = java.nio.file.Files.readAllBytes(snapshot);
    java.nio.file.Files.write(snapshot, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    try (HistoryServerService service = new HistoryServerService(config(logs, cacheDir))) {
      service.start();
      int port = service.port();
      awaitTrue(() -> status(port, "/readyz") == 200, "ready after the first scan");
      HttpResponse<String> replayed = Http.get(port, stages);

      assertThat(replayed.body()).isEqualTo(first);
      assertThat(metrics(port))
          .contains("pipelens_history_snapshot_rejected_total{reason=\"corrupt\"} 1.0")
          .contains("pipelens_history_snapshot_requests_total{result=\"miss\"} 1.0")
          .contains("pipelens_history_replay_duration_seconds_count 1");
      service.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void refusesToStartOnAnUnusableSnapshotDirectory() throws IOException {
    Path logs = SampleEventLogs.copyTo(dir.resolve("spark-events"));
    Path notADirectory = java.nio.file.Files.writeString(dir.resolve("file"), "x");
    HistoryServerService service = new HistoryServerService(config(logs, notADirectory));

    assertThatThrownBy(service::start).hasMessageContaining("cache.dir");
    service.close();
  }

  /**
   * The first scan starts before the port is bound, so a port in use fails the start after the
   * scan thread exists: the rollback must stop it, and the ops side, which stops last.
   */
  @Test
  void aPortInUseFailsTheStartAndStopsTheScanThread() throws Exception {
    Path logs = SampleEventLogs.copyTo(dir.resolve("spark-events"));
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      HistoryServerService service =
          new HistoryServerService(
              new HistoryServerConfig(
                  List.of(URI.create(logs.toUri().toString())),
                  Duration.ofMillis(100),
                  new HttpConfig("127.0.0.1", taken.getLocalPort()),
                  null,
                  null));

      assertThatThrownBy(service::start).hasMessageContaining("cannot bind");
      awaitTrue(() -> !scanThreadAlive(), "the scan thread gone after the failed start");
      service.close();
    }
  }

  private static boolean scanThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals(ListingScheduler.THREAD_NAME) && thread.isAlive());
  }

  @Test
  void refusesToStartOnAMissingDirectory() {
    HistoryServerService service = new HistoryServerService(config(dir.resolve("missing")));

    assertThatThrownBy(service::start)
        .hasMessageContaining("event log directory")
        .hasMessageContaining("does not exist");
    service.close();
  }

  private static HistoryServerConfig config(Path logs) {
    return new HistoryServerConfig(
        List.of(URI.create(logs.toUri().toString())),
        Duration.ofMillis(100),
        new HttpConfig("127.0.0.1", 0),
        null,
        null);
  }

  private static HistoryServerConfig config(Path logs, Path cacheDir) {
    return new HistoryServerConfig(
        List.of(URI.create(logs.toUri().toString())),
        Duration.ofMillis(100),
        new HttpConfig("127.0.0.1", 0),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new io.pipelens.history.store.CacheConfig(null, cacheDir, null),
        null);
  }

  private static String metrics(int port) {
    try {
      return Http.get(port, "/metrics").body();
    } catch (IOException e) {
      return "";
    }
  }

  private static int status(int port, String path) {
    try {
      return Http.get(port, path).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(app -> ids.add(app.get("id").asText()));
    return ids;
  }
}
