package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.replay.ReplayStats;
import io.pipelens.history.snapshot.SnapshotFormat;
import io.pipelens.history.snapshot.SnapshotObserver;
import io.pipelens.history.snapshot.SnapshotStore;
import io.pipelens.history.source.EventLogCodec;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.store.ReplayObserver;
import io.pipelens.history.testing.Compression;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code /api/v1} answer of an attempt read back from its on-disk snapshot equals the answer
 * of a fresh replay of the same log: jobs, each job, stages with details and summaries, each stage
 * and attempt, task summaries and every task page, executors, environment, storage, SQL with plan
 * details, each SQL execution.
 */
class SnapshotAnswersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void snapshotAnswersEqualReplayAnswersForEveryTestLog() throws Exception {
    Path logs = dir.resolve("logs");
    TestLogs.copy(
        logs,
        TestLogs.LOCAL_1422981780767,
        TestLogs.ATTEMPT_1,
        TestLogs.ATTEMPT_2,
        TestLogs.YARN_3_0,
        TestLogs.SQL_3_3,
        "app-20180109111548-0000");
    // A compressed copy, and a log cut in the middle of its SQL executions (no end event, not
    // .inprogress): running tasks, running executions whose metrics are aggregated live.
    Compression.copyCompressed(
        logs.resolve(TestLogs.SQL_3_3), logs.resolve("local-1642039451827.zstd"), EventLogCodec.ZSTD);
    Files.delete(logs.resolve(TestLogs.SQL_3_3));
    List<String> sql = TestLogs.lines(TestLogs.SQL_3_3);
    TestLogs.write(
        logs.resolve("local-1642039451828"),
        renamed(sql.subList(0, sql.size() * 2 / 3), "local-1642039451826", "local-1642039451828"));

    // Block updates: cached partitions, the data per executor, executors' storage memory.
    List<String> blocks = new java.util.ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    blocks.addAll(TestLogs.indexOf(blocks, "SparkListenerApplicationEnd"), List.of(
        BlockUpdatesApiTest.executorAdded("1", 1422981781000L),
        BlockUpdatesApiTest.blockManagerAdded("1", 1_000_000, 600_000, 400_000),
        BlockUpdatesApiTest.executorAdded("2", 1422981781000L),
        BlockUpdatesApiTest.blockManagerAdded("2", 1_000_000, 600_000, 400_000),
        BlockUpdatesApiTest.block("1", "broadcast_0", true, false, false, 7000, 0),
        BlockUpdatesApiTest.block("1", "rdd_0_0", true, true, true, 100, 20),
        BlockUpdatesApiTest.block("2", "rdd_0_1", true, false, true, 60, 0),
        BlockUpdatesApiTest.block("1", "rdd_0_1", true, false, true, 60, 0),
        BlockUpdatesApiTest.block("driver", "rdd_0_2", true, false, true, 30, 0),
        BlockUpdatesApiTest.executorRemoved("2", 1422981787000L)));
    TestLogs.write(logs.resolve("local-1422981780769"),
        renamed(blocks, TestLogs.LOCAL_1422981780767, "local-1422981780769"));

    int attempts = assertRoundTrip(logs);
    assertThat(attempts).isEqualTo(8);
  }

  /**
   * Spark's own test logs (Spark 1.x to 4.x: several attempts, YARN ids, excluded executors,
   * resource profiles, a rolling log), when {@code ../shared/spark-events-fixtures} is there.
   */
  @Test
  void snapshotAnswersEqualReplayAnswersForSparkFixtures() throws Exception {
    Path fixtures = Path.of("").toAbsolutePath().getParent().getParent()
        .resolve("shared/spark-events-fixtures");
    Assumptions.assumeTrue(
        Files.isDirectory(fixtures), "no Spark fixtures at " + fixtures + "; skipped");
    Path logs = dir.resolve("fixtures");
    Files.createDirectories(logs);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fixtures)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith("local-") || name.startsWith("app") || name.startsWith("eventlog_v2_")) {
          copyTree(entry, logs.resolve(name));
        }
      }
    }
    assertThat(assertRoundTrip(logs)).isGreaterThan(10);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to);
      return;
    }
    Files.createDirectories(to);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
      for (Path entry : entries) {
        copyTree(entry, to.resolve(entry.getFileName().toString()));
      }
    }
  }

  /**
   * Replays every attempt, writes the snapshots, then serves them from the snapshots through a
   * fresh cache, and compares every answer; returns how many attempts were compared.
   */
  private int assertRoundTrip(Path logs) throws Exception {
    ListingRefresher refresher =
        new ListingRefresher(List.of(new LocalEventLogStore(logs)), new AttemptReader());
    refresher.refresh();
    CountingSnapshots counts = new CountingSnapshots();
    SnapshotStore snapshots = new SnapshotStore(dir.resolve("cache"), 1L << 30, counts);
    snapshots.open();
    try {
      AppStoreCache first = cache(refresher, snapshots, null);
      // One replay at a time, so that no write waits behind more than the writer queues.
      for (String key : logKeys(refresher)) {
        first.get(key).orElseThrow();
      }
      Map<String, String> replayed = answers(refresher, first);
      assertThat(snapshots.awaitWrites(Duration.ofSeconds(30))).isTrue();
      int attempts = attempts(refresher);
      assertThat(counts.written).hasValue(attempts);
      assertThat(counts.hits).hasValue(0);

      AtomicInteger replays = new AtomicInteger();
      Map<String, String> restored = answers(refresher, cache(refresher, snapshots, replays));

      assertThat(counts.hits).as("attempts read from snapshots").hasValue(attempts);
      assertThat(replays).as("replays after the restart").hasValue(0);
      assertThat(restored.keySet()).isEqualTo(replayed.keySet());
      for (Map.Entry<String, String> answer : replayed.entrySet()) {
        assertThat(restored.get(answer.getKey())).as(answer.getKey()).isEqualTo(answer.getValue());
      }
      return attempts;
    } finally {
      snapshots.close();
    }
  }

  private static AppStoreCache cache(
      ListingRefresher refresher, SnapshotStore snapshots, AtomicInteger replays) {
    ReplayObserver observer =
        new ReplayObserver() {
          @Override
          public void replayed(ReplayStats stats) {
            if (replays != null) {
              replays.incrementAndGet();
            }
          }
        };
    return new AppStoreCache(
        refresher, new EventLogReplayer(), 64, Long.MAX_VALUE, observer, snapshots);
  }

  private static List<String> logKeys(ListingRefresher refresher) {
    return refresher.listing().applications().stream()
        .flatMap(app -> app.attempts().stream())
        .map(attempt -> attempt.logKey())
        .toList();
  }

  private static int attempts(ListingRefresher refresher) throws IOException {
    int count = 0;
    try (ApiServer server = new ApiServer(refresher, CLOCK)) {
      for (JsonNode app : getJson(server, "/api/v1/applications")) {
        count += app.get("attempts").size();
      }
    }
    return count;
  }

  /** Every per-attempt answer, by request path. */
  private static Map<String, String> answers(ListingRefresher refresher, AppStoreCache replays)
      throws IOException {
    Map<String, String> answers = new TreeMap<>();
    List<String> requests = new ArrayList<>();
    try (ApiServer server = new ApiServer(refresher, replays, CLOCK)) {
      for (JsonNode app : getJson(server, "/api/v1/applications")) {
        for (JsonNode attempt : app.get("attempts")) {
          String base =
              "/api/v1/applications/"
                  + app.get("id").asText()
                  + (attempt.has("attemptId") ? "/" + attempt.get("attemptId").asText() : "");
          List<String> paths = new ArrayList<>();
          paths.addAll(
              List.of(
                  "/jobs",
                  "/stages",
                  "/stages?details=true&withSummaries=true",
                  "/stages?details=true&taskStatus=FAILED",
                  "/executors",
                  "/allexecutors",
                  "/environment",
                  "/storage/rdd",
                  "/sql?details=true&planDescription=true",
                  "/sql?details=false"));
          for (JsonNode job : getJson(server, base + "/jobs")) {
            paths.add("/jobs/" + job.get("jobId").asInt());
          }
          for (JsonNode rdd : getJson(server, base + "/storage/rdd")) {
            paths.add("/storage/rdd/" + rdd.get("id").asInt());
          }
          for (JsonNode execution : getJson(server, base + "/sql")) {
            paths.add("/sql/" + execution.get("id").asLong() + "?details=true");
          }
          for (JsonNode stage : getJson(server, base + "/stages")) {
            String attemptPath =
                "/stages/" + stage.get("stageId").asInt() + "/" + stage.get("attemptId").asInt();
            paths.add("/stages/" + stage.get("stageId").asInt());
            paths.add(attemptPath + "?details=true&withSummaries=true");
            paths.add(attemptPath + "/taskSummary?quantiles=0,0.25,0.5,0.75,1");
            paths.add(attemptPath + "/taskList?length=100000");
            paths.add(attemptPath + "/taskList?length=100000&sortBy=-runtime");
            paths.add(attemptPath + "/taskList?length=100000&status=failed");
          }
          for (String path : paths) {
            requests.add(base + path);
          }
        }
      }
      // Each loopback request waits about 40 ms on this JDK's server; in parallel they overlap.
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<String>> bodies = new ArrayList<>();
        for (String path : requests) {
          bodies.add(pool.submit(() -> get(server, path)));
        }
        for (int i = 0; i < requests.size(); i++) {
          answers.put(requests.get(i), bodies.get(i).get());
        }
      } catch (InterruptedException | ExecutionException e) {
        throw new IOException(e);
      } finally {
        pool.shutdownNow();
      }
    }
    return answers;
  }

  private static List<String> renamed(List<String> lines, String from, String to) {
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      out.add(line.replace(from, to));
    }
    return out;
  }

  private static JsonNode getJson(ApiServer server, String path) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String get(ApiServer server, String path) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    // 404 is an answer too (e.g. taskSummary of a stage without successful tasks): compare it.
    return response.statusCode() + " " + response.body();
  }

  /** Counts what the store reports. */
  static final class CountingSnapshots implements SnapshotObserver {
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger written = new AtomicInteger();
    final Map<SnapshotFormat.Rejection, AtomicInteger> rejected = new TreeMap<>();

    @Override
    public void hit(long bytes, long nanos) {
      hits.incrementAndGet();
    }

    @Override
    public void written(long bytes) {
      written.incrementAndGet();
    }

    @Override
    public synchronized void rejected(SnapshotFormat.Rejection reason) {
      rejected.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    }
  }

}
