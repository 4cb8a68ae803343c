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

  /** Fresh per event, because a task keeps it; null when the event had no metrics. */
  long[] metrics;

  /** Fresh per event; null when the event had none. */
  long[] executorMetrics;

  /** {@code "Reason"} of the end reason; {@code Success} is never turned into a tree. */
  String reasonKind;

  /** The whole end reason, only for reasons other than {@code Success}. */
  JsonNode reason;

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
    metrics = null;
    executorMetrics = null;
    reasonKind = null;
    reason = null;
  }
}
