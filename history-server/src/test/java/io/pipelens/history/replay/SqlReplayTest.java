package io.pipelens.history.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL executions replayed from a real Spark 3.3 log, whole and cut while a query ran. */
class SqlReplayTest {

  @TempDir Path dir;

  @Test
  void aQueryCutBeforeItsEndIsRunningWithTheMetricsReportedSoFar() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.SQL_3_3);
    int end = TestLogs.indexOf(lines, "SparkListenerSQLExecutionEnd");
    // Keep everything up to the end of execution 0 but the end itself, and its last job's end.
    List<String> cut = new ArrayList<>(lines.subList(0, end));
    int lastJobEnd = -1;
    for (int i = 0; i < cut.size(); i++) {
      if (cut.get(i).contains("\"SparkListenerJobEnd\"")) {
        lastJobEnd = i;
      }
    }
    cut.remove(lastJobEnd);
    TestLogs.write(dir.resolve(TestLogs.SQL_3_3 + ".inprogress"), cut);

    AppState state = replay();

    SqlExecution execution = state.sqlExecution(0);
    assertThat(execution.status()).isEqualTo("RUNNING");
    assertThat(execution.completionTime()).isEqualTo(-1);
    assertThat(execution.jobs())
        .containsEntry(0, SqlExecution.JobStatus.SUCCEEDED)
        .containsEntry(1, SqlExecution.JobStatus.SUCCEEDED)
        .containsEntry(2, SqlExecution.JobStatus.RUNNING);
    // The Range stage finished before the cut: its rows are all counted, live.
    long rows = rangeRows(execution);
    assertThat(execution.metricValues()).containsEntry(rows, "100");
    assertThat(state.sqlExecution(1)).isNull();
  }

  @Test
  void aWholeLogEndsEveryQueryAndFixesItsMetrics() throws IOException {
    TestLogs.copy(dir, TestLogs.SQL_3_3);

    AppState state = replay();

    assertThat(state.sqlExecutions()).extracting(SqlExecution::executionId).containsExactly(0L, 1L);
    for (SqlExecution execution : state.sqlExecutions()) {
      assertThat(execution.status()).isEqualTo("COMPLETED");
      assertThat(execution.jobs().values()).containsOnly(SqlExecution.JobStatus.SUCCEEDED);
      assertThat(execution.metricValues()).isSameAs(execution.metricValues());
    }
  }

  @Test
  void aFailedJobOrAnErrorMessageFailsTheQuery() throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.SQL_3_3));
    int end = TestLogs.indexOf(lines, "SparkListenerSQLExecutionEnd");
    lines.set(end, lines.get(end).replace("}", ",\"errorMessage\":\"boom\"}"));
    TestLogs.write(dir.resolve(TestLogs.SQL_3_3), lines);

    AppState state = replay();

    assertThat(state.sqlExecution(0).status()).isEqualTo("FAILED");
    assertThat(state.sqlExecution(0).errorMessage()).isEqualTo("boom");
    assertThat(state.sqlExecution(1).status()).isEqualTo("COMPLETED");
  }

  @Test
  void aReusedExchangeIsAnEdgeToTheNodeItReuses() throws IOException {
    String exchange =
        "{\"nodeName\":\"Exchange\",\"simpleString\":\"Exchange hashpartitioning(a)\",\"children\":"
            + "[{\"nodeName\":\"Scan\",\"simpleString\":\"Scan t\",\"children\":[],\"metrics\":[]}],"
            + "\"metrics\":[{\"name\":\"data size\",\"accumulatorId\":7,\"metricType\":\"size\"}]}";
    String plan =
        "{\"nodeName\":\"SortMergeJoin\",\"simpleString\":\"SortMergeJoin\",\"children\":["
            + exchange
            + ",{\"nodeName\":\"ReusedExchange\",\"simpleString\":\"ReusedExchange\",\"children\":["
            + exchange
            + "],\"metrics\":[]}],\"metrics\":[]}";

    SqlPlanGraph graph = SqlPlanGraph.of(new ObjectMapper().readTree(plan));

    assertThat(graph.allNodes())
        .extracting(SqlPlanGraph.Node::id, SqlPlanGraph.Node::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, "SortMergeJoin"),
            org.assertj.core.groups.Tuple.tuple(1L, "Exchange"),
            org.assertj.core.groups.Tuple.tuple(2L, "Scan"));
    assertThat(graph.edges())
        .containsExactly(
            new SqlPlanGraph.Edge(1, 0), new SqlPlanGraph.Edge(2, 1), new SqlPlanGraph.Edge(1, 0));
  }

  @Test
  void formatsMetricsAsSparkDoes() {
    long[] max = {30, 2, 0, 17};
    assertThat(SqlMetricFormat.stringValue("sum", new long[] {1000, 234}, new long[0]))
        .isEqualTo("1,234");
    assertThat(SqlMetricFormat.stringValue("size", new long[] {2048}, new long[0]))
        .isEqualTo("2.0 KiB");
    assertThat(SqlMetricFormat.stringValue("timing", new long[] {10, 30, 20}, max))
        .isEqualTo("total (min, med, max (stageId: taskId))\n60 ms (10 ms, 20 ms, 30 ms (stage 2.0: task 17))");
    assertThat(SqlMetricFormat.stringValue("nsTiming", new long[] {5_000_000_000L}, new long[0]))
        .isEqualTo("5.0 s");
    assertThat(SqlMetricFormat.stringValue("average", new long[] {0, 15, 25, 35}, new long[0]))
        .isEqualTo("(min, med, max (stageId: taskId)):\n(1.5, 2.5, 3.5 (driver))");
    assertThat(SqlMetricFormat.bytes(2047)).isEqualTo("2047.0 B");
    assertThat(SqlMetricFormat.bytes(3L << 30)).isEqualTo("3.0 GiB");
    assertThat(SqlMetricFormat.millis(90_000)).isEqualTo("1.5 m");
    assertThat(SqlMetricFormat.millis(2 * 3_600_000)).isEqualTo("2.00 h");
  }

  private static long rangeRows(SqlExecution execution) {
    for (SqlPlanGraph.Node node : execution.graph().allNodes()) {
      if (node.name().equals("Range")) {
        return node.metrics().get(0).accumulatorId();
      }
    }
    throw new AssertionError("no Range");
  }

  private AppState replay() throws IOException {
    LocalEventLogStore store = new LocalEventLogStore(dir);
    EventLog log = new EventLogDiscovery().discover(store).logs().get(0);
    return new EventLogReplayer().replay(store, log).state();
  }
}
