package io.pipelens.history.replay;

import java.util.List;
import java.util.Map;

/**
 * A cheap estimate of the heap one replayed {@link AppState} retains, from counts and string
 * lengths rather than a walk of every object, for the memory budget of loaded applications.
 *
 * <p>The constants were calibrated against the retained size that JOL ({@code GraphLayout})
 * measures for replays of real Spark logs and of logs grown from them to thousands of tasks, on a
 * 64-bit JVM with compressed references; {@code RetainedSizeTest} keeps the estimate within 25% of
 * that measurement. A task costs about 400 bytes (its record and its {@code long[]} of metrics),
 * an environment about one byte per character plus 110 per property, which dominates small logs.
 */
final class RetainedSize {

  static final long BASE = 4_096;
  static final long PER_TASK = 400;
  static final long PER_TASK_ACCUMULABLE = 96;
  static final long PER_STAGE = 1_400;
  static final long PER_EXECUTOR_SUMMARY = 200;
  static final long PER_EXECUTOR = 700;
  static final long PER_JOB = 300;
  static final long PER_RDD = 400;
  static final long PER_RDD_PARTITION = 200;
  static final long PER_PROPERTY = 110;

  private RetainedSize() {}

  static long of(AppState state) {
    long bytes = BASE;
    for (StageAttempt stage : state.stages.values()) {
      bytes += PER_STAGE + stage.name.length() + stage.details.length();
      bytes += PER_EXECUTOR_SUMMARY * stage.executorSummaries.size();
      List<TaskRecord> tasks = stage.tasks();
      bytes += PER_TASK * tasks.size();
    }
    bytes += PER_TASK_ACCUMULABLE * state.taskAccumulables;
    bytes += PER_EXECUTOR * state.executors.size();
    bytes += PER_JOB * state.jobs.size();
    bytes += PER_RDD * state.rdds.size();
    for (RddRecord rdd : state.rdds.values()) {
      // A cached block: its entry, name, executor list, and a distribution per executor.
      bytes += PER_RDD_PARTITION * (rdd.partitions.size() + rdd.distributions.size());
    }
    EnvironmentInfo env = state.environment;
    for (List<Map.Entry<String, String>> section :
        List.of(
            env.sparkProperties(),
            env.hadoopProperties(),
            env.systemProperties(),
            env.metricsProperties(),
            env.classpathEntries())) {
      for (Map.Entry<String, String> property : section) {
        bytes += PER_PROPERTY + property.getKey().length() + property.getValue().length();
      }
    }
    for (SqlExecution execution : state.sqlExecutions.values()) {
      bytes += execution.estimatedBytes();
    }
    bytes += state.sqlLiveBytes();
    return bytes;
  }
}
