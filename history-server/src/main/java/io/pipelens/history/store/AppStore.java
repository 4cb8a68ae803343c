package io.pipelens.history.store;

import io.pipelens.history.replay.AppState;
import io.pipelens.history.replay.ExecutorRecord;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.ReplayStats;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.replay.TaskRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The queries behind Spark's per-application REST resources, over one replayed attempt, in Spark's
 * orders: jobs and stages newest id first, executors by id descending, tasks by id unless sorted.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class AppStore {

  private final AppState state;
  private final ReplayStats stats;

  /** Wraps a finished replay. */
  public AppStore(AppState state, ReplayStats stats) {
    this.state = state;
    this.stats = stats;
  }

  /** The model, for resources that read it directly (environment, executors). */
  public AppState state() {
    return state;
  }

  /** What the replay read. */
  public ReplayStats stats() {
    return stats;
  }

  /** Jobs with one of {@code statuses} (all when empty), job id descending. */
  public List<JobRecord> jobs(Set<JobRecord.Status> statuses) {
    List<JobRecord> jobs = new ArrayList<>();
    for (JobRecord job : state.jobs()) {
      if (statuses.isEmpty() || statuses.contains(job.status())) {
        jobs.add(job);
      }
    }
    jobs.sort(Comparator.comparingInt(JobRecord::jobId).reversed());
    return jobs;
  }

  public Optional<JobRecord> job(int jobId) {
    return Optional.ofNullable(state.job(jobId));
  }

  /**
   * Stage attempts with one of {@code statuses} (all when empty), newest stage and attempt first.
   */
  public List<StageAttempt> stages(Set<StageAttempt.Status> statuses) {
    List<StageAttempt> stages = new ArrayList<>();
    for (StageAttempt stage : state.stages()) {
      if (statuses.isEmpty() || statuses.contains(stage.status())) {
        stages.add(stage);
      }
    }
    Collections.reverse(stages);
    return stages;
  }

  /** All attempts of a stage, attempt id ascending; empty when the stage is unknown. */
  public List<StageAttempt> stageAttempts(int stageId) {
    return state.stageAttempts(stageId);
  }

  public Optional<StageAttempt> stageAttempt(int stageId, int attemptId) {
    for (StageAttempt attempt : state.stageAttempts(stageId)) {
      if (attempt.attemptId() == attemptId) {
        return Optional.of(attempt);
      }
    }
    return Optional.empty();
  }

  /** Tasks of an attempt with one of {@code statuses} (all when empty), by task id. */
  public List<TaskRecord> tasks(StageAttempt stage, Set<TaskRecord.Status> statuses) {
    List<TaskRecord> tasks = new ArrayList<>();
    for (TaskRecord task : stage.tasks()) {
      if (statuses.isEmpty() || statuses.contains(task.status())) {
        tasks.add(task);
      }
    }
    tasks.sort(Comparator.comparingLong(TaskRecord::taskId));
    return tasks;
  }

  /**
   * A page of an attempt's tasks, filtered, then sorted, then cut, as Spark's {@code taskList}.
   * Sorting by run time puts tasks without metrics first and failed tasks before successful ones,
   * as Spark's index does (it stores their run time as negative); ties go by task id.
   */
  public List<TaskRecord> taskList(
      StageAttempt stage,
      int offset,
      int length,
      TaskSorting sorting,
      Set<TaskRecord.Status> statuses) {
    List<TaskRecord> tasks = tasks(stage, statuses);
    if (sorting != TaskSorting.ID) {
      Comparator<TaskRecord> byRunTime =
          Comparator.comparingLong(AppStore::indexedRunTime).thenComparingLong(TaskRecord::taskId);
      tasks.sort(sorting == TaskSorting.INCREASING_RUNTIME ? byRunTime : byRunTime.reversed());
    }
    int from = Math.min(Math.max(0, offset), tasks.size());
    int to = (int) Math.min((long) from + Math.max(0, length), tasks.size());
    return new ArrayList<>(tasks.subList(from, to));
  }

  /**
   * The run time as Spark's task index holds it: -1 without metrics, negated-minus-one if failed.
   */
  private static long indexedRunTime(TaskRecord task) {
    long[] metrics = task.metrics();
    if (metrics == null) {
      return -1;
    }
    long runTime = metrics[TaskMetric.EXECUTOR_RUN_TIME.ordinal()];
    return task.status() == TaskRecord.Status.SUCCESS ? runTime : -runTime - 1;
  }

  /** The tasks a summary is computed over; empty when no task succeeded with metrics. */
  public Optional<TaskSample> taskSample(StageAttempt stage, double[] quantiles) {
    List<TaskRecord> counted = new ArrayList<>();
    for (TaskRecord task : stage.tasks()) {
      if (task.countsInSummaries()) {
        counted.add(task);
      }
    }
    return counted.isEmpty() ? Optional.empty() : Optional.of(new TaskSample(counted, quantiles));
  }

  /**
   * A page of SQL executions by id ascending, as Spark's {@code executionsList(offset, length)}:
   * {@code offset} skipped, at most {@code length}.
   */
  public List<SqlExecution> sqlExecutions(int offset, int length) {
    List<SqlExecution> page = new ArrayList<>();
    int skipped = 0;
    for (SqlExecution execution : state.sqlExecutions()) {
      if (page.size() >= length) {
        break;
      }
      if (skipped++ < offset) {
        continue;
      }
      page.add(execution);
    }
    return page;
  }

  public Optional<SqlExecution> sqlExecution(long executionId) {
    return Optional.ofNullable(state.sqlExecution(executionId));
  }

  /** Executors, all or only active ones, id descending. */
  public List<ExecutorRecord> executors(boolean activeOnly) {
    List<ExecutorRecord> executors = new ArrayList<>();
    for (ExecutorRecord executor : state.executors()) {
      if (!activeOnly || executor.active()) {
        executors.add(executor);
      }
    }
    Collections.reverse(executors);
    return executors;
  }
}
