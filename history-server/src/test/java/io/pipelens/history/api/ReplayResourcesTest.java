package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.store.ReplayObserver;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-application resources over the Spark logs in test resources, through real HTTP. */
class ReplayResourcesTest {

  private static final String APP = "/api/v1/applications/" + TestLogs.LOCAL_1422981780767;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767, TestLogs.ATTEMPT_1, TestLogs.ATTEMPT_2);
    ListingRefresher refresher =
        new ListingRefresher(List.of(new LocalEventLogStore(dir)), new AttemptReader());
    refresher.refresh();
    AppStoreCache replays =
        new AppStoreCache(refresher, new EventLogReplayer(), 4, ReplayObserver.NONE);
    server = new ApiServer(refresher, replays, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listsJobsNewestFirstAndFiltersByStatus() throws IOException {
    JsonNode all = getJson(APP + "/jobs");
    assertThat(ids(all, "jobId")).containsExactly(2, 1, 0);
    assertThat(all.get(1).get("status").asText()).isEqualTo("FAILED");
    assertThat(all.get(1).get("numFailedTasks").asInt()).isEqualTo(1);
    assertThat(all.get(1).get("numCompletedIndices").asInt()).isEqualTo(15);
    assertThat(all.get(0).has("submissionTime")).as("absent in a Spark 1.2 log").isFalse();

    assertThat(ids(getJson(APP + "/jobs?status=succeeded"), "jobId")).containsExactly(2, 0);
    assertThat(ids(getJson(APP + "/jobs?status=succeeded&status=failed"), "jobId"))
        .containsExactly(2, 1, 0);
  }

  @Test
  void answersOneJobOr404() throws IOException {
    assertThat(getJson(APP + "/jobs/0").get("name").asText()).isEqualTo("count at <console>:15");
    assertError(APP + "/jobs/99", 404, "unknown job: 99");
  }

  @Test
  void listsStagesWithoutTasksAndOneStageWithThem() throws IOException {
    JsonNode stages = getJson(APP + "/stages");
    assertThat(ids(stages, "stageId")).containsExactly(3, 2, 1, 0);
    assertThat(stages.get(0).has("tasks")).isFalse();

    JsonNode failed = getJson(APP + "/stages?status=failed");
    assertThat(ids(failed, "stageId")).containsExactly(2);
    assertThat(failed.get(0).get("failureReason").asText()).startsWith("Job aborted");

    JsonNode attempts = getJson(APP + "/stages/1");
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).get("tasks").size()).isEqualTo(8);
    assertThat(attempts.get(0).get("executorSummary").get("driver").get("taskTime").asLong())
        .isEqualTo(3624);

    JsonNode attempt = getJson(APP + "/stages/1/0?details=true&taskStatus=failed");
    assertThat(attempt.get("tasks").size()).isZero();
    assertThat(attempt.get("executorRunTime").asLong()).isEqualTo(3476);
    assertThat(attempt.get("submissionTime").asText()).isEqualTo("2015-02-03T16:43:05.829GMT");
  }

  @Test
  void listsOnlyStagesWithATaskInTheAskedStatusesWithDetails() throws IOException {
    // Stage 2 holds the log's only failed task; Spark's list then drops the other attempts.
    assertThat(ids(getJson(APP + "/stages?details=true&taskStatus=failed"), "stageId"))
        .containsExactly(2);
    assertThat(
            ids(
                getJson(APP + "/stages?details=true&taskStatus=failed&taskStatus=success"),
                "stageId"))
        .containsExactly(3, 2, 1, 0);
    assertThat(ids(getJson(APP + "/stages?taskStatus=failed"), "stageId"))
        .as("without details the tasks are not filtered, nor the stages")
        .containsExactly(3, 2, 1, 0);
  }

  @Test
  void answersSparkErrorsForUnknownStagesAndBadQuantiles() throws IOException {
    assertError(APP + "/stages/12345", 404, "unknown stage: 12345");
    assertError(APP + "/stages/1/1", 404, "unknown attempt for stage 1.  Found attempts: [0]");
    assertError(
        APP + "/stages/0/0/taskSummary?quantiles=foo,0.1",
        400,
        "Bad value for parameter \"quantiles\".  Expected a double, got \"foo\"");
    assertError("/api/v1/applications/foobar/jobs", 404, "no such app: foobar");
  }

  @Test
  void pagesAndSortsTaskLists() throws IOException {
    JsonNode page = getJson(APP + "/stages/0/0/taskList?offset=2&length=3");
    assertThat(ids(page, "taskId")).containsExactly(2, 3, 4);

    JsonNode slowest = getJson(APP + "/stages/0/0/taskList?sortBy=-runtime");
    List<Long> runTimes = new ArrayList<>();
    slowest.forEach(t -> runTimes.add(t.get("taskMetrics").get("executorRunTime").asLong()));
    assertThat(runTimes).hasSize(8).isSortedAccordingTo((a, b) -> Long.compare(b, a));

    JsonNode failed = getJson(APP + "/stages/2/0/taskList?status=failed");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("errorMessage").asText())
        .startsWith("java.lang.RuntimeException: got a 3, failing");
  }

  @Test
  void summarisesSuccessfulTasksAtTheAskedQuantiles() throws IOException {
    JsonNode summary = getJson(APP + "/stages/1/0/taskSummary?quantiles=0,0.5,1");
    assertThat(summary.get("quantiles")).hasSize(3);
    JsonNode runTime = summary.get("executorRunTime");
    assertThat(runTime.get(0).asDouble()).isLessThanOrEqualTo(runTime.get(1).asDouble());
    assertThat(runTime.get(1).asDouble()).isLessThanOrEqualTo(runTime.get(2).asDouble());
  }

  @Test
  void listsExecutorsAndTheEnvironment() throws IOException {
    JsonNode executors = getJson(APP + "/executors");
    assertThat(executors).hasSize(1);
    JsonNode driver = executors.get(0);
    assertThat(driver.get("id").asText()).isEqualTo("driver");
    assertThat(driver.get("totalTasks").asInt()).isEqualTo(32);
    assertThat(driver.get("addTime").asText()).isEqualTo("2015-02-03T16:43:00.906GMT");
    assertThat(getJson(APP + "/allexecutors")).hasSize(1);

    JsonNode environment = getJson(APP + "/environment");
    assertThat(environment.get("runtime").get("javaVersion").asText()).isNotEmpty();
    assertThat(environment.get("sparkProperties").get(0)).hasSize(2);
  }

  @Test
  void needsTheAttemptIdForAnApplicationWithAttempts() throws IOException {
    JsonNode jobs = getJson("/api/v1/applications/local-1426533911241/1/jobs");
    assertThat(jobs).isNotEmpty();
    assertError(
        "/api/v1/applications/local-1426533911241/jobs", 404, "no such app: local-1426533911241");
    assertError(
        "/api/v1/applications/local-1426533911241/3/jobs",
        404,
        "no such app: local-1426533911241/3");
  }

  @Test
  void downloadsTheEventLogsOfAllAttemptsOrOneAsAZip() throws IOException {
    byte[] attempt1 = java.nio.file.Files.readAllBytes(dir.resolve(TestLogs.ATTEMPT_1));
    byte[] attempt2 = java.nio.file.Files.readAllBytes(dir.resolve(TestLogs.ATTEMPT_2));

    HttpResponse<byte[]> all =
        Http.getBytes(server.port(), "/api/v1/applications/local-1426533911241/logs");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"eventLogs-local-1426533911241.zip\"");
    java.util.Map<String, byte[]> entries = Http.unzip(all.body());
    assertThat(entries).containsOnlyKeys(TestLogs.ATTEMPT_1, TestLogs.ATTEMPT_2);
    assertThat(entries.get(TestLogs.ATTEMPT_1)).isEqualTo(attempt1);
    assertThat(entries.get(TestLogs.ATTEMPT_2)).isEqualTo(attempt2);

    HttpResponse<byte[]> one =
        Http.getBytes(server.port(), "/api/v1/applications/local-1426533911241/2/logs");
    assertThat(Http.unzip(one.body())).containsOnlyKeys(TestLogs.ATTEMPT_2);
    assertThat(Http.unzip(one.body()).get(TestLogs.ATTEMPT_2)).isEqualTo(attempt2);
    assertError("/api/v1/applications/foobar/logs", 404, "no such app: foobar");
  }

  @Test
  void answers501ForResourcesNotReplayedYet() throws IOException {
    assertThat(Http.get(server.port(), APP + "/streaming/statistics").statusCode()).isEqualTo(501);
  }

  @Test
  void listsNoSqlExecutionsForALogWithoutThem() throws IOException {
    assertThat(getJson(APP + "/sql")).isEmpty();
  }

  private static JsonNode getJson(String path) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static void assertError(String path, int status, String message) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.body()).isEqualTo(message);
  }

  private static List<Integer> ids(JsonNode array, String field) {
    List<Integer> ids = new ArrayList<>();
    array.forEach(node -> ids.add(node.get(field).asInt()));
    return ids;
  }
}
