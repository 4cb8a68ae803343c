package io.pipelens.history.replay;

/** Spark's {@code SpeculationStageSummary}: what the speculative copies of a stage's tasks did. */
public final class SpeculationSummary {

  int numTasks;
  int activeTasks;
  int completedTasks;
  int failedTasks;
  int killedTasks;

  SpeculationSummary() {}

  public int numTasks() {
    return numTasks;
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
}
