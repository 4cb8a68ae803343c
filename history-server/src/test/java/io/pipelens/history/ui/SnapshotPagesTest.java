package io.pipelens.history.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.history.store.CacheConfig;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.runtime.ops.HttpConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's pages of every attempt (application, each job with its DAG, each stage attempt, each
 * SQL execution) are the same HTML after a restart, served from the snapshots in {@code cache.dir},
 * as they were from the replays before it.
 */
class SnapshotPagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyPageIsTheSameFromASnapshot() throws Exception {
    Path logs =
        TestLogs.copy(
            dir.resolve("logs"),
            TestLogs.LOCAL_1422981780767,
            TestLogs.ATTEMPT_1,
            TestLogs.ATTEMPT_2,
            TestLogs.SQL_3_3,
            "app-20180109111548-0000");
    Map<String, String> before;
    int attempts;
    try (HistoryServerService server = new HistoryServerService(config(logs))) {
      server.start();
      int port = server.port();
      await(() -> status(port, "/readyz") == 200, "ready");
      List<String> pages = pages(port);
      before = get(port, pages);
      attempts = attemptCount(port);
      await(
          () ->
              metrics(port)
                  .contains(
                      "pipelens_history_snapshot_writes_total{result=\"written\"} "
                          + attempts
                          + ".0"),
          "every snapshot written");
      server.stop(Duration.ofSeconds(5));
    }

    try (HistoryServerService server = new HistoryServerService(config(logs))) {
      server.start();
      int port = server.port();
      await(() -> status(port, "/readyz") == 200, "ready");
      Map<String, String> after = get(port, new ArrayList<>(before.keySet()));

      assertThat(metrics(port))
          .contains("pipelens_history_snapshot_requests_total{result=\"hit\"} " + attempts + ".0")
          .contains("pipelens_history_replay_duration_seconds_count 0");
      assertThat(before.size()).as("pages compared").isGreaterThan(25);
      for (Map.Entry<String, String> page : before.entrySet()) {
        assertThat(after.get(page.getKey())).as(page.getKey()).isEqualTo(page.getValue());
      }
      server.stop(Duration.ofSeconds(5));
    }
  }

  /** Every attempt's pages, found through the REST API. */
  private static List<String> pages(int port) throws IOException {
    List<String> pages = new ArrayList<>();
    for (JsonNode app : json(port, "/api/v1/applications")) {
      String appId = app.get("id").asText();
      for (JsonNode attempt : app.get("attempts")) {
        String attemptId = attempt.has("attemptId") ? attempt.get("attemptId").asText() : null;
        String api = "/api/v1/applications/" + appId + (attemptId == null ? "" : "/" + attemptId);
        pages.add(Urls.app(appId, attemptId));
        for (JsonNode job : json(port, api + "/jobs")) {
          pages.add(Urls.job(appId, attemptId, job.get("jobId").asInt()));
        }
        for (JsonNode stage : json(port, api + "/stages")) {
          pages.add(
              Urls.stage(
                  appId, attemptId, stage.get("stageId").asInt(), stage.get("attemptId").asInt()));
        }
        for (JsonNode execution : json(port, api + "/sql")) {
          pages.add(Urls.sql(appId, attemptId, execution.get("id").asLong()));
        }
      }
    }
    return pages;
  }

  private static int attemptCount(int port) throws IOException {
    int count = 0;
    for (JsonNode app : json(port, "/api/v1/applications")) {
      count += app.get("attempts").size();
    }
    return count;
  }

  private static Map<String, String> get(int port, List<String> pages) throws IOException {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (String page : pages) {
      HttpResponse<String> response = Http.get(port, page);
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      bodies.put(page, response.body());
    }
    return bodies;
  }

  private static JsonNode json(int port, String path) throws IOException {
    HttpResponse<String> response = Http.get(port, path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HistoryServerConfig config(Path logs) {
    return new HistoryServerConfig(
        List.of(logs.toUri()),
        Duration.ofSeconds(30),
        new HttpConfig("127.0.0.1", 0),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new CacheConfig(null, dir.resolve("cache"), null),
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

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }
}
