package io.pipelens.history.replay;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One attempt of one stage, with its tasks and per-executor summaries. */
public final class StageAttempt {

  /** Spark's {@code StageStatus}. */
  public enum Status {
    ACTIVE,
    COMPLETE,
    FAILED,
    PENDING,
    SKIPPED
  }

  final int stageId;
  final int attemptId;
  Status status = Status.PENDING;
  String name = "";
  String details = "";
  String description;
  String schedulingPool = "default";
  int numTasks;
  long submissionTime = -1;
  long completionTime = -1;
  long firstTaskLaunchedTime = Long.MAX_VALUE;
  String failureReason;
  int[] rddIds = new int[0];
  List<Accumulable> accumulables = List.of();
  int resourceProfileId;
  boolean shufflePushEnabled;
  int shuffleMergersCount;

  int activeTasks;
  int completedTasks;
  int failedTasks;
  int killedTasks;
  /** Task indices that succeeded at least once; a bit set, as indices run from 0 to numTasks. */
  final BitSet completedIndices = new BitSet();
  final Map<String, Integer> killedSummary = new TreeMap<>();
  final long[] metrics = TaskMetric.zeros();
  long[] peakExecutorMetrics;
  final TreeSet<Integer> jobIds = new TreeSet<>();
  final List<TaskRecord> tasks = new ArrayList<>();
  final Map<String, ExecutorStageSummary> executorSummaries = new LinkedHashMap<>();
  SpeculationSummary speculation;

  StageAttempt(int stageId, int attemptId) {
    this.stageId = stageId;
    this.attemptId = attemptId;
  }

  SpeculationSummary speculation() {
    if (speculation == null) {
      speculation = new SpeculationSummary();
    }
    return speculation;
  }

  /** Counts over the attempt's speculative tasks; null when it ran none. */
  public SpeculationSummary speculationSummary() {
    return speculation;
  }

  ExecutorStageSummary executorSummary(String executorId) {
    return executorSummaries.computeIfAbsent(executorId, id -> new ExecutorStageSummary());
  }

  public int stageId() {
    return stageId;
  }

  public int attemptId() {
    return attemptId;
  }

  public Status status() {
    return status;
  }

  public String name() {
    return name;
  }

  public String details() {
    return details;
  }

  /** {@code spark.job.description} of the submitting job; null when unset. */
  public String description() {
    return description;
  }

  public String schedulingPool() {
    return schedulingPool;
  }

  public int numTasks() {
    return numTasks;
  }

  /** -1 when unknown. */
  public long submissionTime() {
    return submissionTime;
  }

  /** -1 when not completed. */
  public long completionTime() {
    return completionTime;
  }

  /** {@link Long#MAX_VALUE} when no task started. */
  public long firstTaskLaunchedTime() {
    return firstTaskLaunchedTime;
  }

  public String failureReason() {
    return failureReason;
  }

  public int[] rddIds() {
    return rddIds;
  }

  public List<Accumulable> accumulables() {
    return accumulables;
  }

  public int resourceProfileId() {
    return resourceProfileId;
  }

  public boolean shufflePushEnabled() {
    return shufflePushEnabled;
  }

  public int shuffleMergersCount() {
    return shuffleMergersCount;
  }

  public int activeTasks() {
    return activeTasks;
  }

  public int completedTasks() {
    return completedTasks;
  }

  public int failedTasks() {
    return failedTasks;
  }

  public int killedTasks() {
    return killedTasks;
  }

  public int completedIndices() {
    return completedIndices.cardinality();
  }

  /** Kill reasons and their counts, sorted by reason. */
  public Map<String, Integer> killedSummary() {
    return killedSummary;
  }

  /** Sums over the stage's tasks, indexed by {@link TaskMetric#ordinal()}. */
  public long[] metrics() {
    return metrics;
  }

  /** Peaks over its tasks' executors, by {@link ExecutorMetricNames}; null when none reported. */
  public long[] peakExecutorMetrics() {
    return peakExecutorMetrics;
  }

  /** Tasks in the order they started. */
  public List<TaskRecord> tasks() {
    return tasks;
  }

  /** By executor id, in the order executors first ran a task of this stage. */
  public Map<String, ExecutorStageSummary> executorSummaries() {
    return executorSummaries;
  }
}
