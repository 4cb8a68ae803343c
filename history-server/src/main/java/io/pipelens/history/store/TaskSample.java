package io.pipelens.history.store;

import io.pipelens.history.replay.TaskRecord;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The tasks Spark's task summary is computed over (the successful ones with metrics) and the
 * quantiles asked for; {@link #quantiles} gives one metric's distribution.
 *
 * <p>Quantiles follow Spark's rule, see {@link Quantiles}.
 */
public final class TaskSample {

  private final List<TaskRecord> tasks;
  private final double[] quantiles;

  TaskSample(List<TaskRecord> tasks, double[] quantiles) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a task sample needs tasks");
    }
    this.tasks = List.copyOf(tasks);
    this.quantiles = quantiles.clone();
  }

  /** The quantiles asked for. */
  public double[] quantiles() {
    return quantiles.clone();
  }

  /** The tasks summarised. */
  public List<TaskRecord> tasks() {
    return tasks;
  }

  /** The distribution of {@code metric} at {@link #quantiles()}. */
  public double[] quantiles(ToLongFunction<TaskRecord> metric) {
    long[] values = new long[tasks.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = metric.applyAsLong(tasks.get(i));
    }
    return Quantiles.of(values, quantiles);
  }
}
