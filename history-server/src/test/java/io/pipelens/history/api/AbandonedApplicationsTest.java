package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.AttemptState;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.Liveness;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .inprogress} log that stopped growing is shown as abandoned, not running: on the system
 * clock, with the logs' modification times moved as a dead driver would leave them.
 */
class AbandonedApplicationsTest {

  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);
  private static final String DEAD = "app-dead";
  private static final String ALIVE = "app-alive";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ListingRefresher refresher;
  private ApiServer server;
  private Path dead;
  private Path alive;

  @BeforeEach
  void start() throws IOException {
    // Two running copies of a real log, without its end event, under their own app ids.
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    lines.remove(TestLogs.indexOf(lines, "SparkListenerApplicationEnd"));
    dead = TestLogs.write(dir.resolve(DEAD + ".inprogress"), withAppId(lines, DEAD));
    alive = TestLogs.write(dir.resolve(ALIVE + ".inprogress"), withAppId(lines, ALIVE));
    TestLogs.copy(dir, TestLogs.ATTEMPT_1);
    long now = System.currentTimeMillis();
    TestLogs.touch(dead, now - Duration.ofHours(2).toMillis());
    TestLogs.touch(alive, now - Duration.ofMinutes(1).toMillis());
    refresher = new ListingRefresher(List.of(new LocalEventLogStore(dir)), new AttemptReader());
    refresher.refresh();
    server = new ApiServer(refresher, null, Clock.systemUTC(), new Liveness(ABANDONED_AFTER));
  }

  private static List<String> withAppId(List<String> lines, String appId) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(
          line.contains("SparkListenerApplicationStart")
              ? line.replace("\"App ID\":\"local-1422981780767\"", "\"App ID\":\"" + appId + "\"")
              : line);
    }
    return out;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aLogUnchangedForLongerThanTheLimitIsAbandonedNotRunning() throws IOException {
    JsonNode attempt = json("/api/v1/applications/" + DEAD).get("attempts").get(0);
    assertThat(attempt.get("completed").asBoolean()).as("Spark's field stays false").isFalse();
    assertThat(attempt.get("abandoned").asBoolean()).isTrue();

    JsonNode fresh = json("/api/v1/applications/" + ALIVE).get("attempts").get(0);
    assertThat(fresh.get("completed").asBoolean()).isFalse();
    assertThat(fresh.has("abandoned")).as("absent for a running attempt").isFalse();

    assertThat(ids(json("/api/v1/applications?status=running"))).containsExactly(ALIVE);
    assertThat(ids(json("/api/v1/applications?status=abandoned"))).containsExactly(DEAD);
    assertThat(ids(json("/api/v1/applications?status=completed")))
        .containsExactly("local-1426533911241");
    assertThat(ids(json("/api/v1/applications"))).contains(DEAD, ALIVE, "local-1426533911241");
    JsonNode completed = json("/api/v1/applications/local-1426533911241").get("attempts").get(0);
    assertThat(completed.has("abandoned")).isFalse();
  }

  @Test
  void aLogThatGrowsAgainIsRunningAgain() throws IOException {
    assertThat(ids(json("/api/v1/applications?status=running"))).containsExactly(ALIVE);

    TestLogs.append(dead, "\n");
    TestLogs.touch(dead, System.currentTimeMillis());
    refresher.refresh();

    assertThat(ids(json("/api/v1/applications?status=running"))).containsExactlyInAnyOrder(DEAD, ALIVE);
    assertThat(json("/api/v1/applications/" + DEAD).get("attempts").get(0).has("abandoned"))
        .isFalse();
  }

  @Test
  void withoutALimitNothingIsAbandonedAsInSpark() throws IOException {
    server.close();
    server = new ApiServer(refresher, null, Clock.systemUTC(), Liveness.NEVER_ABANDONED);

    assertThat(ids(json("/api/v1/applications?status=running"))).containsExactlyInAnyOrder(DEAD, ALIVE);
    assertThat(
            Liveness.NEVER_ABANDONED.state(
                refresher.listing().application(DEAD).orElseThrow().latestAttempt(),
                Long.MAX_VALUE))
        .isEqualTo(AttemptState.RUNNING);
  }

  private JsonNode json(String path) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(app -> ids.add(app.get("id").asText()));
    return ids;
  }
}
