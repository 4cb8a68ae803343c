package io.pipelens.history.store;

import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.replay.TaskRecord;

/**
 * The task times Spark's REST API derives rather than logs: duration, time spent fetching the
 * result, and scheduler delay (what is left of the duration after the executor's own phases).
 */
public final class TaskTimes {

  private TaskTimes() {}

  /** Finish minus launch; for a running task, the time up to {@code now}. */
  public static long duration(TaskRecord task, long now) {
    return task.finished()
        ? task.finishTime() - task.launchTime()
        : Math.max(0, now - task.launchTime());
  }

  /** Time from the start of the result fetch to the end of the task; 0 when never fetched. */
  public static long gettingResultTime(TaskRecord task, long now) {
    long fetchStart = task.gettingResultTime();
    if (fetchStart <= 0) {
      return 0;
    }
    long duration = duration(task, now);
    return duration > 0 ? task.launchTime() + duration - fetchStart : now - fetchStart;
  }

  /** Duration not spent deserialising, running, serialising or fetching; 0 without metrics. */
  public static long schedulerDelay(TaskRecord task, long now) {
    long[] m = task.metrics();
    if (m == null) {
      return 0;
    }
    return Math.max(
        0,
        duration(task, now)
            - m[TaskMetric.EXECUTOR_RUN_TIME.ordinal()]
            - m[TaskMetric.EXECUTOR_DESERIALIZE_TIME.ordinal()]
            - m[TaskMetric.RESULT_SERIALIZATION_TIME.ordinal()]
            - gettingResultTime(task, now));
  }
}
