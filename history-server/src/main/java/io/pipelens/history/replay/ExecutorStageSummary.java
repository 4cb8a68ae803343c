package io.pipelens.history.replay;

/** What one executor did for one stage attempt: Spark's {@code ExecutorStageSummary}. */
public final class ExecutorStageSummary {

  long taskTime;
  int failedTasks;
  int succeededTasks;
  int killedTasks;
  boolean excluded;
  final long[] metrics = TaskMetric.zeros();
  long[] peakExecutorMetrics;

  ExecutorStageSummary() {}

  public long taskTime() {
    return taskTime;
  }

  public int failedTasks() {
    return failedTasks;
  }

  public int succeededTasks() {
    return succeededTasks;
  }

  public int killedTasks() {
    return killedTasks;
  }

  public boolean excluded() {
    return excluded;
  }

  public long[] metrics() {
    return metrics;
  }

  /** Null when none reported. */
  public long[] peakExecutorMetrics() {
    return peakExecutorMetrics;
  }
}
