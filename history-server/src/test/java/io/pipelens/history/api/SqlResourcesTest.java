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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's {@code sql} resources over a real Spark 3.3 log with SQL executions, through HTTP. */
class SqlResourcesTest {

  private static final String APP = "/api/v1/applications/" + TestLogs.SQL_3_3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    TestLogs.copy(dir, TestLogs.SQL_3_3);
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
  void leavesPeakExecutorMetricsOutOfStagesThatNeverRan() throws IOException {
    List<Integer> skipped = new ArrayList<>();
    List<Integer> ran = new ArrayList<>();
    for (JsonNode stage : getJson(APP + "/stages")) {
      boolean hasPeaks = stage.has("peakExecutorMetrics");
      if (stage.get("status").asText().equals("SKIPPED")) {
        skipped.add(stage.get("stageId").asInt());
        assertThat(hasPeaks).as("skipped stage " + stage.get("stageId")).isFalse();
      } else {
        ran.add(stage.get("stageId").asInt());
        assertThat(hasPeaks).as("stage " + stage.get("stageId")).isTrue();
      }
    }
    // Stages 1, 3, 4, 7 and 9 are declared by jobs but never submitted in this log.
    assertThat(skipped).contains(1, 3, 4, 7, 9);
    assertThat(ran).isNotEmpty();
  }

  /** What the log says, read here independently of the replay: one JSON tree per line. */
  private static List<JsonNode> events() throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(TestLogs.SQL_3_3))) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  private static JsonNode sqlEvent(String type, long executionId) throws IOException {
    for (JsonNode event : events()) {
      if (event.get("Event").asText().endsWith(type)
          && event.get("executionId").asLong() == executionId) {
        return event;
      }
    }
    throw new AssertionError("no " + type + " for " + executionId);
  }

  @Test
  void listsExecutionsWithTheirJobsTimesAndPlans() throws IOException {
    JsonNode list = getJson(APP + "/sql");
    assertThat(list).hasSize(2);
    List<Integer> expectedJobs0 = new ArrayList<>();
    List<Integer> expectedJobs1 = new ArrayList<>();
    for (JsonNode event : events()) {
      if (event.get("Event").asText().equals("SparkListenerJobStart")) {
        String id = event.get("Properties").path("spark.sql.execution.id").asText();
        (id.equals("0") ? expectedJobs0 : expectedJobs1).add(event.get("Job ID").asInt());
      }
    }
    for (int i = 0; i < 2; i++) {
      JsonNode execution = list.get(i);
      JsonNode start = sqlEvent("SQLExecutionStart", i);
      JsonNode end = sqlEvent("SQLExecutionEnd", i);
      JsonNode lastPlan = lastAdaptiveUpdate(i);
      assertThat(execution.get("id").asLong()).isEqualTo(i);
      assertThat(execution.get("status").asText()).isEqualTo("COMPLETED");
      assertThat(execution.get("description").asText())
          .isEqualTo(start.get("description").asText());
      assertThat(execution.get("planDescription").asText())
          .isEqualTo(lastPlan.get("physicalPlanDescription").asText());
      assertThat(execution.get("submissionTime").asText())
          .isEqualTo(SparkDates.format(start.get("time").asLong()));
      assertThat(execution.get("duration").asLong())
          .isEqualTo(end.get("time").asLong() - start.get("time").asLong());
      assertThat(ints(execution.get("successJobIds")))
          .containsExactlyElementsOf(i == 0 ? expectedJobs0 : expectedJobs1)
          .isNotEmpty();
      assertThat(execution.get("runningJobIds")).isEmpty();
      assertThat(execution.get("failedJobIds")).isEmpty();
    }
  }

  private static JsonNode lastAdaptiveUpdate(long executionId) throws IOException {
    JsonNode last = null;
    for (JsonNode event : events()) {
      if (event.get("Event").asText().endsWith("SQLAdaptiveExecutionUpdate")
          && event.get("executionId").asLong() == executionId) {
        last = event;
      }
    }
    return last;
  }

  @Test
  void showsThePlanGraphWithAggregatedMetrics() throws IOException {
    JsonNode execution = getJson(APP + "/sql/0");
    JsonNode nodes = execution.get("nodes");
    List<Long> ids = new ArrayList<>();
    nodes.forEach(node -> ids.add(node.get("nodeId").asLong()));
    assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder()).hasSize(10);
    JsonNode range = node(nodes, "Range");
    assertThat(range.get("wholeStageCodegenId").asLong()).isEqualTo(1);
    assertThat(node(nodes, "WholeStageCodegen (1)").has("wholeStageCodegenId")).isFalse();
    // Range (0, 100, step=1) makes 100 rows; the replay sums what each task reported.
    assertThat(metric(range, "number of output rows")).isEqualTo("100");
    long accumulator = rangeRowsAccumulator(0);
    assertThat(sumOfTaskUpdates(accumulator)).isEqualTo(100);
    // A driver-side metric (SparkListenerDriverAccumUpdates): the shuffle's partition count.
    assertThat(metric(node(nodes, "Exchange"), "number of partitions")).isEqualTo("10");
    assertThat(metric(node(nodes, "Exchange"), "shuffle bytes written"))
        .startsWith("total (min, med, max (stageId: taskId))\n3.7 KiB (")
        .endsWith("(stage 0.0: task 5))");
    // Edges run child to parent: Range feeds Project, inside the same codegen stage.
    assertThat(execution.get("edges"))
        .anySatisfy(
            edge -> {
              assertThat(edge.get("fromId").asLong()).isEqualTo(range.get("nodeId").asLong());
              assertThat(edge.get("toId").asLong())
                  .isEqualTo(node(nodes, "Project").get("nodeId").asLong());
            });
    // Range (0, 3347, step=13): 258 rows.
    assertThat(metric(node(getJson(APP + "/sql/1").get("nodes"), "Range"), "number of output rows"))
        .isEqualTo("258");
  }

  /** The accumulator of the Range node's row count in the execution's last plan. */
  private static long rangeRowsAccumulator(long executionId) throws IOException {
    JsonNode plan = lastAdaptiveUpdate(executionId).get("sparkPlanInfo");
    java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(plan));
    while (!todo.isEmpty()) {
      JsonNode info = todo.pop();
      if (info.get("nodeName").asText().equals("Range")) {
        for (JsonNode metric : info.get("metrics")) {
          if (metric.get("name").asText().equals("number of output rows")) {
            return metric.get("accumulatorId").asLong();
          }
        }
      }
      info.get("children").forEach(todo::push);
    }
    throw new AssertionError("no Range node");
  }

  private static long sumOfTaskUpdates(long accumulator) throws IOException {
    long sum = 0;
    for (JsonNode event : events()) {
      if (event.get("Event").asText().equals("SparkListenerTaskEnd")) {
        for (JsonNode acc : event.get("Task Info").get("Accumulables")) {
          if (acc.get("ID").asLong() == accumulator) {
            sum += acc.get("Update").asLong();
          }
        }
      }
    }
    return sum;
  }

  @Test
  void honoursDetailsPlanDescriptionOffsetAndLength() throws IOException {
    JsonNode bare = getJson(APP + "/sql/1?details=false&planDescription=false");
    assertThat(bare.get("nodes")).isEmpty();
    assertThat(bare.get("edges")).isEmpty();
    assertThat(bare.get("planDescription").asText()).isEmpty();
    JsonNode page = getJson(APP + "/sql?offset=1&length=1");
    assertThat(page).hasSize(1);
    assertThat(page.get(0).get("id").asLong()).isEqualTo(1);
    assertThat(getJson(APP + "/sql?offset=2")).isEmpty();
    assertThat(getJson(APP + "/sql?length=1")).hasSize(1);
  }

  @Test
  void answersSparksErrors() throws IOException {
    assertError(APP + "/sql/7", 404, "unknown query execution id: 7");
    assertError(APP + "/sql/abc", 404, "Unknown path");
    assertError(APP + "/sql?length=x", 400, "Bad value for parameter \"length\"");
    assertError(APP + "/sql?length=0", 400, "length must be positive");
  }

  private static JsonNode node(JsonNode nodes, String name) {
    for (JsonNode node : nodes) {
      if (node.get("nodeName").asText().equals(name)) {
        return node;
      }
    }
    throw new AssertionError("no node " + name);
  }

  private static String metric(JsonNode node, String name) {
    for (JsonNode metric : node.get("metrics")) {
      if (metric.get("name").asText().equals(name)) {
        return metric.get("value").asText();
      }
    }
    throw new AssertionError("no metric " + name + " in " + node);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asInt()));
    return values;
  }

  private static JsonNode getJson(String path) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void assertError(String path, int status, String message) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.body()).as(path).contains(message);
  }
}
