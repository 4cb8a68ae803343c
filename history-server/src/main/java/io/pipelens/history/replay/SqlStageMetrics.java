package io.pipelens.history.replay;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQL metric values the tasks of one stage attempt reported, as Spark's {@code
 * LiveStageMetrics}: one value per task index and metric (a retried index overwrites, a finished
 * one is final), and for metrics other than sums the task that reported the largest value.
 */
final class SqlStageMetrics {

  final int stageId;
  final int attemptId;
  final int numTasks;

  /** Accumulator id to metric type, shared with the execution, so plan updates are seen. */
  final Map<Long, String> metricTypes;

  private final Map<Long, Integer> taskIndices = new HashMap<>();
  private final BitSet completedIndices = new BitSet();
  private final Map<Long, long[]> values = new LinkedHashMap<>();

  /** Metric id to {value, taskId}. */
  private final Map<Long, long[]> maxima = new LinkedHashMap<>();

  SqlStageMetrics(int stageId, int attemptId, int numTasks, Map<Long, String> metricTypes) {
    this.stageId = stageId;
    this.attemptId = attemptId;
    this.numTasks = Math.max(0, numTasks);
    this.metricTypes = metricTypes;
  }

  void registerTask(long taskId, int index) {
    taskIndices.put(taskId, index);
  }

  /**
   * @param updates accumulator id and numeric update pairs, {@code count} of them
   */
  void update(long taskId, int index, boolean finished, long[] updates, int count) {
    int taskIndex = index;
    if (index < 0) {
      Integer known = taskIndices.get(taskId);
      if (known == null) {
        return;
      }
      taskIndex = known;
    } else {
      registerTask(taskId, index);
    }
    if (completedIndices.get(taskIndex) || taskIndex >= numTasks) {
      // Spark's array has one slot per task of the stage; an index beyond it is not a real task.
      return;
    }
    for (int i = 0; i < count; i++) {
      long id = updates[2 * i];
      String type = metricTypes.get(id);
      if (type == null) {
        continue;
      }
      long value = updates[2 * i + 1];
      values.computeIfAbsent(id, k -> new long[numTasks])[taskIndex] = value;
      if (SqlMetricFormat.needsMax(type)) {
        long[] max = maxima.computeIfAbsent(id, k -> new long[] {value, taskId});
        if (value > max[0]) {
          max[0] = value;
          max[1] = taskId;
        }
      }
    }
    if (finished) {
      completedIndices.set(taskIndex);
    }
  }

  Map<Long, long[]> values() {
    return values;
  }

  Map<Long, long[]> maxima() {
    return maxima;
  }

  /** A rough retained size, for the memory budget. */
  long estimatedBytes() {
    return 64L + values.size() * (48L + 8L * numTasks) + maxima.size() * 64L + taskIndices.size() * 48L;
  }
}
