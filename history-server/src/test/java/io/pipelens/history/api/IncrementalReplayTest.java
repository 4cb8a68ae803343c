package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import io.pipelens.runtime.ops.HttpConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running application's log that grows is replayed from where the last replay stopped: the API
 * shows the new tasks within a scan interval, and the update reads about the appended bytes, not
 * the whole log again.
 */
class IncrementalReplayTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "/api/v1/applications/" + TestLogs.LOCAL_1422981780767;
  private static final Duration SCAN_INTERVAL = Duration.ofMillis(500);
  private static final Pattern REPLAY_BYTES =
      Pattern.compile("(?m)^pipelens_history_replay_bytes_total(?:\\{[^}]*})? ([0-9.E]+)$");

  @TempDir Path dir;

  @Test
  void aGrowingLogIsReplayedFromItsLastOffset() throws Exception {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    int firstCut = nthTaskEnd(lines, 5);
    int secondCut = nthTaskEnd(lines, 20);
    String cutLine = lines.get(firstCut);
    Path log = dir.resolve(TestLogs.LOCAL_1422981780767 + ".inprogress");
    // The first 5 task ends, then half of the next line: the writer is mid-line.
    String head = String.join("\n", lines.subList(0, firstCut)) + "\n";
    String half = cutLine.substring(0, cutLine.length() / 2);
    Files.writeString(log, head + half);

    HistoryServerConfig config =
        new HistoryServerConfig(
            List.of(URI.create(dir.toUri().toString())),
            SCAN_INTERVAL,
            new HttpConfig("127.0.0.1", 0),
            null,
            null);
    try (HistoryServerService service = new HistoryServerService(config)) {
      service.start();
      int port = service.port();
      await(() -> Http.get(port, APP).statusCode() == 200, "listed");
      assertThat(finishedTasks(port)).isEqualTo(5);
      double firstReplay = replayBytes(port);
      assertThat(firstReplay).isEqualTo(Files.size(log));

      String appended =
          cutLine.substring(cutLine.length() / 2)
              + "\n"
              + String.join("\n", lines.subList(firstCut + 1, secondCut))
              + "\n";
      byte[] appendedBytes = appended.getBytes(StandardCharsets.UTF_8);
      long appendedAt = System.nanoTime();
      Files.write(log, appendedBytes, StandardOpenOption.APPEND);

      await(() -> finishedTasks(port) == 20, "the appended tasks are served");
      long visibleAfterMillis = (System.nanoTime() - appendedAt) / 1_000_000;
      double update = replayBytes(port) - firstReplay;
      int halfBytes = half.getBytes(StandardCharsets.UTF_8).length;
      System.out.printf(
          "appended %d bytes; shown after %d ms; the update read %.0f bytes (log: %d bytes)%n",
          appendedBytes.length, visibleAfterMillis, update, Files.size(log));
      assertThat(visibleAfterMillis).isLessThan(SCAN_INTERVAL.toMillis() + 1500);
      // The unfinished line is read again, whole; nothing before it is.
      assertThat(update).isEqualTo((double) appendedBytes.length + halfBytes);

      // The resumed state answers exactly like a replay of the whole grown log from scratch.
      Map<String, String> fromScratch =
          Answers.of(new LocalEventLogStore(dir), new EventLogDecoder(), false);
      for (String resource : List.of("/jobs", "/stages?details=true", "/allexecutors")) {
        assertThat(Http.get(port, APP + resource).body())
            .as(resource)
            .isEqualTo(fromScratch.get(APP + resource));
      }
    }
  }

  private static int nthTaskEnd(List<String> lines, int n) {
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"Event\":\"SparkListenerTaskEnd\"") && ++seen == n) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("fewer than " + n + " task ends");
  }

  private static int finishedTasks(int port) throws IOException {
    int total = 0;
    for (JsonNode executor : JSON.readTree(Http.get(port, APP + "/allexecutors").body())) {
      total += executor.get("completedTasks").asInt() + executor.get("failedTasks").asInt();
    }
    return total;
  }

  private static double replayBytes(int port) throws IOException {
    Matcher matcher = REPLAY_BYTES.matcher(Http.get(port, "/metrics").body());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }
}
