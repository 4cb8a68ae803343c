package io.pipelens.history.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQL executions from the events Spark's {@code SQLAppStatusListener} reads: execution start, end
 * and adaptive plan updates, driver accumulator updates, and the job, stage and task events that
 * carry the executions' jobs and SQL metric values (task accumulables).
 *
 * <p>Not thread-safe: one replay, one thread.
 */
final class SqlListener {

  static final String EXECUTION_START =
      "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart";
  static final String EXECUTION_END = "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd";
  static final String ADAPTIVE_UPDATE =
      "org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate";
  static final String ADAPTIVE_METRICS =
      "org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveSQLMetricUpdates";
  static final String DRIVER_ACCUM_UPDATES =
      "org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates";

  private static final String EXECUTION_ID_PROPERTY = "spark.sql.execution.id";

  /** By id ascending, Spark's natural order of executions. */
  private final TreeMap<Long, SqlExecution> executions;

  /** Executions Spark still tracks: not every job and the execution itself ended yet. */
  private final Map<Long, SqlExecution> live = new HashMap<>();

  /** By stage id; Spark keeps one per stage, the latest attempt. */
  private final Map<Integer, SqlStageMetrics> stageMetrics = new HashMap<>();

  SqlListener(TreeMap<Long, SqlExecution> executions) {
    this.executions = executions;
  }

  static boolean isSqlEvent(String event) {
    return switch (event) {
      case EXECUTION_START, EXECUTION_END, ADAPTIVE_UPDATE, ADAPTIVE_METRICS, DRIVER_ACCUM_UPDATES ->
          true;
      default -> false;
    };
  }

  SqlStageMetrics stageMetrics(int stageId) {
    return stageMetrics.get(stageId);
  }

  void apply(String event, JsonNode json) {
    switch (event) {
      case EXECUTION_START -> executionStart(json);
      case EXECUTION_END -> executionEnd(json);
      case ADAPTIVE_UPDATE -> adaptiveUpdate(json);
      case ADAPTIVE_METRICS -> {
        SqlExecution execution = execution(Json.longOr(json, "executionId", -1));
        addMetrics(execution, SqlPlanGraph.metricList(json.get("sqlPlanMetrics")));
      }
      case DRIVER_ACCUM_UPDATES -> driverUpdates(json);
      default -> throw new IllegalArgumentException("not a SQL event: " + event);
    }
  }

  private SqlExecution execution(long executionId) {
    SqlExecution execution =
        executions.computeIfAbsent(executionId, id -> new SqlExecution(id, this));
    live.put(executionId, execution);
    return execution;
  }

  private void executionStart(JsonNode json) {
    SqlExecution execution = execution(Json.longOr(json, "executionId", -1));
    SqlPlanGraph graph = SqlPlanGraph.of(json.get("sparkPlanInfo"));
    execution.graph = graph;
    execution.rootExecutionId = Json.longOr(json, "rootExecutionId", execution.executionId());
    execution.description = Json.text(json, "description");
    execution.details = Json.text(json, "details");
    execution.physicalPlanDescription = Json.text(json, "physicalPlanDescription");
    execution.submissionTime = Json.longOr(json, "time", -1);
    addMetrics(execution, planMetrics(graph));
  }

  private void adaptiveUpdate(JsonNode json) {
    SqlExecution execution = execution(Json.longOr(json, "executionId", -1));
    SqlPlanGraph graph = SqlPlanGraph.of(json.get("sparkPlanInfo"));
    execution.graph = graph;
    execution.physicalPlanDescription = Json.text(json, "physicalPlanDescription");
    addMetrics(execution, planMetrics(graph));
  }

  /** One metric per accumulator id, as Spark's {@code toMap.values}. */
  private static List<SqlPlanGraph.Metric> planMetrics(SqlPlanGraph graph) {
    Map<Long, SqlPlanGraph.Metric> byId = new LinkedHashMap<>();
    for (SqlPlanGraph.Node node : graph.allNodes()) {
      for (SqlPlanGraph.Metric metric : node.metrics()) {
        byId.put(metric.accumulatorId(), metric);
      }
    }
    return List.copyOf(byId.values());
  }

  private static void addMetrics(SqlExecution execution, List<SqlPlanGraph.Metric> add) {
    execution.metrics.addAll(add);
    for (SqlPlanGraph.Metric metric : add) {
      execution.metricTypes.put(metric.accumulatorId(), metric.metricType());
    }
  }

  private void executionEnd(JsonNode json) {
    SqlExecution execution = live.get(Json.longOr(json, "executionId", -1));
    if (execution == null) {
      return;
    }
    execution.completionTime = Json.longOr(json, "time", -1);
    JsonNode error = json.get("errorMessage");
    execution.errorMessageSet = error != null && !error.isNull();
    execution.errorMessage = execution.errorMessageSet ? error.asText() : null;
    execution.metricValues = execution.aggregate();
    removeStaleStageMetrics(execution);
    execution.endEvents++;
    retireIfDone(execution);
  }

  private void driverUpdates(JsonNode json) {
    SqlExecution execution = live.get(Json.longOr(json, "executionId", -1));
    JsonNode updates = json.get("accumUpdates");
    if (execution == null || updates == null || !updates.isArray()) {
      return;
    }
    for (JsonNode pair : updates) {
      if (pair.isArray() && pair.size() == 2 && pair.get(0).canConvertToLong()) {
        execution.driverUpdates.add(new long[] {pair.get(0).asLong(), pair.get(1).asLong()});
      }
    }
  }

  void jobStart(JsonNode json, int jobId) {
    String id = Json.text(json.get("Properties"), EXECUTION_ID_PROPERTY);
    if (id == null) {
      return;
    }
    long executionId;
    try {
      executionId = Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return;
    }
    SqlExecution execution = execution(executionId);
    JsonNode stageInfos = json.get("Stage Infos");
    if (!execution.metricTypes.isEmpty() && stageInfos != null) {
      for (JsonNode info : stageInfos) {
        int stageId = Json.intOr(info, "Stage ID", -1);
        stageMetrics.put(
            stageId,
            new SqlStageMetrics(
                stageId, 0, Json.intOr(info, "Number of Tasks", 0), execution.metricTypes));
      }
    }
    execution.jobs.put(jobId, SqlExecution.JobStatus.RUNNING);
    for (int stageId : Json.ints(json.get("Stage IDs"))) {
      execution.stages.add(stageId);
    }
  }

  void jobEnd(int jobId, boolean succeeded) {
    for (SqlExecution execution : List.copyOf(live.values())) {
      if (execution.jobs.containsKey(jobId)) {
        execution.jobs.put(
            jobId, succeeded ? SqlExecution.JobStatus.SUCCEEDED : SqlExecution.JobStatus.FAILED);
        execution.endEvents++;
        retireIfDone(execution);
      }
    }
  }

  void stageSubmitted(int stageId, int attemptId) {
    if (!isSqlStage(stageId)) {
      return;
    }
    SqlStageMetrics known = stageMetrics.get(stageId);
    if (known != null && known.attemptId != attemptId) {
      stageMetrics.put(
          stageId, new SqlStageMetrics(stageId, attemptId, known.numTasks, known.metricTypes));
    }
  }

  void taskStart(TaskEvent task) {
    SqlStageMetrics stage = stageMetrics.get(task.stageId);
    if (stage != null && stage.attemptId == task.stageAttemptId) {
      stage.registerTask(task.taskId, task.index);
    }
  }

  void taskEnd(TaskEvent task) {
    if (stageMetrics.isEmpty() || !isSqlStage(task.stageId)) {
      return;
    }
    SqlStageMetrics stage = stageMetrics.get(task.stageId);
    if (stage != null && stage.attemptId == task.stageAttemptId) {
      boolean successful = task.finishTime != 0 && !task.failed && !task.killed;
      stage.update(task.taskId, task.index, successful, task.sqlUpdates, task.sqlUpdateCount);
    }
  }

  private boolean isSqlStage(int stageId) {
    for (SqlExecution execution : live.values()) {
      if (execution.stages.contains(stageId)) {
        return true;
      }
    }
    return false;
  }

  /** Spark stops tracking an execution once it and all its jobs ended. */
  private void retireIfDone(SqlExecution execution) {
    if (execution.endEvents >= execution.jobs.size() + 1) {
      removeStaleStageMetrics(execution);
      live.remove(execution.executionId());
    }
  }

  /** Drops stage metrics no other tracked execution needs, as Spark does. */
  private void removeStaleStageMetrics(SqlExecution ended) {
    Set<Integer> active = new HashSet<>();
    for (SqlExecution other : live.values()) {
      if (other != ended) {
        active.addAll(other.stages);
      }
    }
    stageMetrics.keySet().removeIf(stageId -> !active.contains(stageId));
  }

  /** A rough retained size of what is tracked for executions still running. */
  long estimatedBytes() {
    long bytes = 0;
    for (SqlStageMetrics stage : stageMetrics.values()) {
      bytes += stage.estimatedBytes();
    }
    return bytes;
  }
}
