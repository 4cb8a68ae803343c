package io.pipelens.history.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a {@code SparkListenerTaskStart}, {@code TaskGettingResult} or {@code TaskEnd} line
 * that the replay uses, filled by {@link TaskEventParser} without building a tree: these events are
 * most of a log's lines and bytes.
 *
 * <p>One instance is reused for every line of a replay; {@link #reset()} clears it.
 */
final class TaskEvent {

  int stageId;
  int stageAttemptId;
  long taskId;
  int index;
  int attempt;
  int partitionId;
  long launchTime;
  long gettingResultTime;
  long finishTime;
  String executorId;
  String host;
  String locality;
  boolean speculative;
  boolean failed;
  boolean killed;
  boolean hasTaskInfo;
  final List<Accumulable> accumulables = new ArrayList<>();

  /**
   * Accumulator id and numeric update pairs of every accumulable (SQL metrics among them), for the
   * SQL executions; reused, {@link #sqlUpdateCount} pairs valid.
   */
  long[] sqlUpdates = new long[32];

  int sqlUpdateCount;

  /** Fresh per event, because a task keeps it; null when the event had no metrics. */
  long[] metrics;

  /** Fresh per event; null when the event had none. */
  long[] executorMetrics;

  /** {@code "Reason"} of the end reason; {@code Success} is never turned into a tree. */
  String reasonKind;

  /** The whole end reason, only for reasons other than {@code Success}. */
  JsonNode reason;

  void addSqlUpdate(long id, long update) {
    if (2 * sqlUpdateCount + 2 > sqlUpdates.length) {
      sqlUpdates = java.util.Arrays.copyOf(sqlUpdates, sqlUpdates.length * 2);
    }
    sqlUpdates[2 * sqlUpdateCount] = id;
    sqlUpdates[2 * sqlUpdateCount + 1] = update;
    sqlUpdateCount++;
  }

  void reset() {
    stageId = -1;
    stageAttemptId = 0;
    taskId = -1;
    index = -1;
    attempt = 0;
    partitionId = -1;
    launchTime = 0;
    gettingResultTime = 0;
    finishTime = 0;
    executorId = null;
    host = null;
    locality = null;
    speculative = false;
    failed = false;
    killed = false;
    hasTaskInfo = false;
    accumulables.clear();
    sqlUpdateCount = 0;
    metrics = null;
    executorMetrics = null;
    reasonKind = null;
    reason = null;
  }
}
