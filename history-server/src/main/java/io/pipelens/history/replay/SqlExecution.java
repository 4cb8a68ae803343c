package io.pipelens.history.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One SQL execution ({@code SparkListenerSQLExecutionStart} to {@code ...End}) with Spark's {@code
 * SQLAppStatusListener} semantics: its jobs and their outcome, the plan graph of its latest
 * (adaptive) plan, and the aggregated values of its SQL metrics, fixed when the execution ends and
 * computed from what the tasks reported so far while it runs.
 *
 * <p>Changed only by the replay; read under the {@link AppState#lock()} read lock.
 */
public final class SqlExecution {

  /** A job's outcome as the execution saw it ({@code JobExecutionStatus}). */
  public enum JobStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  private final long executionId;
  private final SqlListener listener;
  long rootExecutionId;
  String description;
  String details;
  String physicalPlanDescription;
  long submissionTime = -1;
  long completionTime = -1;
  String errorMessage;
  boolean errorMessageSet;
  SqlPlanGraph graph = SqlPlanGraph.EMPTY;

  /** In the order the jobs started, as Spark's small immutable maps keep them. */
  final LinkedHashMap<Integer, JobStatus> jobs = new LinkedHashMap<>();

  final Set<Integer> stages = new LinkedHashSet<>();

  /** Every metric the plans declared, in order; later declarations of an id win the type. */
  final ArrayList<SqlPlanGraph.Metric> metrics = new ArrayList<>();

  final Map<Long, String> metricTypes = new HashMap<>();

  /** Driver-side updates, {id, value} in arrival order. */
  final ArrayList<long[]> driverUpdates = new ArrayList<>();

  /** Fixed at the execution's end; null while it runs. */
  Map<Long, String> metricValues;

  int endEvents;

  SqlExecution(long executionId, SqlListener listener) {
    this.executionId = executionId;
    this.listener = listener;
    this.rootExecutionId = executionId;
  }

  public long executionId() {
    return executionId;
  }

  /** The execution this one runs under (Spark 3.5+), or its own id. */
  public long rootExecutionId() {
    return rootExecutionId;
  }

  /** Null when no start event was seen. */
  public String description() {
    return description;
  }

  public String details() {
    return details;
  }

  public String physicalPlanDescription() {
    return physicalPlanDescription;
  }

  /** -1 when no start event was seen. */
  public long submissionTime() {
    return submissionTime;
  }

  /** -1 while running. */
  public long completionTime() {
    return completionTime;
  }

  /** The end event's error message, null without one. */
  public String errorMessage() {
    return errorMessage;
  }

  public SqlPlanGraph graph() {
    return graph;
  }

  /** Job ids with their status, in the order they started. */
  public Map<Integer, JobStatus> jobs() {
    return Collections.unmodifiableMap(jobs);
  }

  /** Spark's {@code executionStatus}: {@code RUNNING}, {@code COMPLETED} or {@code FAILED}. */
  public String status() {
    if (errorMessageSet && (errorMessage == null || errorMessage.isEmpty())) {
      return "COMPLETED";
    }
    if (errorMessageSet) {
      return "FAILED";
    }
    if (completionTime < 0) {
      return "RUNNING";
    }
    return jobs.containsValue(JobStatus.FAILED) ? "FAILED" : "COMPLETED";
  }

  /**
   * Accumulator id to the metric's shown value; only metrics something reported are present.
   * While the execution runs the values are aggregated on each call, as Spark's live view does.
   */
  public Map<Long, String> metricValues() {
    if (metricValues != null) {
      return metricValues;
    }
    return aggregate();
  }

  /** Spark's {@code aggregateMetrics}: task values of the execution's stages plus driver ones. */
  Map<Long, String> aggregate() {
    Map<Long, long[]> all = new LinkedHashMap<>();
    Map<Long, long[]> maxima = new HashMap<>();
    for (int stageId : stages) {
      SqlStageMetrics stage = listener.stageMetrics(stageId);
      if (stage == null) {
        continue;
      }
      stage.values().forEach((id, values) -> {
        if (metricTypes.containsKey(id)) {
          long[] previous = all.get(id);
          all.put(id, previous == null ? values.clone() : concat(previous, values));
        }
      });
      stage.maxima().forEach((id, max) -> {
        if (metricTypes.containsKey(id)) {
          long[] best = maxima.get(id);
          if (best == null) {
            maxima.put(id, new long[] {max[0], stage.stageId, stage.attemptId, max[1]});
          } else if (max[0] > best[0]) {
            best[0] = max[0];
            best[1] = stage.stageId;
            best[2] = stage.attemptId;
            best[3] = max[1];
          }
        }
      });
    }
    for (long[] update : driverUpdates) {
      long id = update[0];
      if (!metricTypes.containsKey(id)) {
        continue;
      }
      long[] previous = all.get(id);
      if (previous != null) {
        long[] max = maxima.get(id);
        if (max != null && update[1] > max[0]) {
          // The driver reported more than any task: Spark then names the driver.
          maxima.remove(id);
        }
        all.put(id, concat(previous, new long[] {update[1]}));
      } else {
        all.put(id, new long[] {update[1]});
      }
    }
    Map<Long, String> types = new HashMap<>();
    for (SqlPlanGraph.Metric metric : metrics) {
      types.put(metric.accumulatorId(), metric.metricType());
    }
    Map<Long, String> shown = new HashMap<>();
    all.forEach(
        (id, values) ->
            shown.put(
                id,
                SqlMetricFormat.stringValue(
                    types.get(id), values, maxima.getOrDefault(id, new long[0]))));
    return shown;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /** A rough retained size, for the memory budget. */
  long estimatedBytes() {
    long bytes = 256;
    bytes += chars(description) + chars(details) + chars(physicalPlanDescription);
    bytes += 160L * graph.allNodes().size() + 32L * graph.edges().size();
    bytes += 120L * metrics.size() + 48L * jobs.size();
    if (metricValues != null) {
      for (String value : metricValues.values()) {
        bytes += 64 + chars(value);
      }
    }
    return bytes;
  }

  private static long chars(String value) {
    return value == null ? 0 : 40L + value.length();
  }
}
