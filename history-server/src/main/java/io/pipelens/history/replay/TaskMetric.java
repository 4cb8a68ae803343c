package io.pipelens.history.replay;

import java.util.HashMap;
import java.util.Map;

/**
 * The task metrics a replay keeps, in the order of Spark's REST {@code TaskMetrics}: each task's
 * metrics are one {@code long[]} indexed by {@link #ordinal()}, so 200k tasks cost arrays rather
 * than object graphs.
 *
 * <p>{@link #eventPath()} is where the value sits under an event's {@code "Task Metrics"}: a field
 * name, or {@code "<group>/<field>"} for the nested objects, whose names vary between Spark
 * versions and are mapped to a group by {@link #group(String)}.
 */
public enum TaskMetric {
  EXECUTOR_DESERIALIZE_TIME("Executor Deserialize Time"),
  EXECUTOR_DESERIALIZE_CPU_TIME("Executor Deserialize CPU Time"),
  EXECUTOR_RUN_TIME("Executor Run Time"),
  EXECUTOR_CPU_TIME("Executor CPU Time"),
  RESULT_SIZE("Result Size"),
  JVM_GC_TIME("JVM GC Time"),
  RESULT_SERIALIZATION_TIME("Result Serialization Time"),
  MEMORY_BYTES_SPILLED("Memory Bytes Spilled"),
  DISK_BYTES_SPILLED("Disk Bytes Spilled"),
  PEAK_EXECUTION_MEMORY("Peak Execution Memory"),
  INPUT_BYTES_READ("Input/Bytes Read"),
  INPUT_RECORDS_READ("Input/Records Read"),
  OUTPUT_BYTES_WRITTEN("Output/Bytes Written"),
  OUTPUT_RECORDS_WRITTEN("Output/Records Written"),
  SHUFFLE_REMOTE_BLOCKS_FETCHED("ShuffleRead/Remote Blocks Fetched"),
  SHUFFLE_LOCAL_BLOCKS_FETCHED("ShuffleRead/Local Blocks Fetched"),
  SHUFFLE_FETCH_WAIT_TIME("ShuffleRead/Fetch Wait Time"),
  SHUFFLE_REMOTE_BYTES_READ("ShuffleRead/Remote Bytes Read"),
  SHUFFLE_REMOTE_BYTES_READ_TO_DISK("ShuffleRead/Remote Bytes Read To Disk"),
  SHUFFLE_LOCAL_BYTES_READ("ShuffleRead/Local Bytes Read"),
  SHUFFLE_RECORDS_READ("ShuffleRead/Total Records Read"),
  SHUFFLE_REMOTE_REQS_DURATION("ShuffleRead/Remote Requests Duration"),
  SHUFFLE_CORRUPT_MERGED_BLOCK_CHUNKS("Push/Corrupt Merged Block Chunks"),
  SHUFFLE_MERGED_FETCH_FALLBACK_COUNT("Push/Merged Fallback Count"),
  SHUFFLE_MERGED_REMOTE_BLOCKS_FETCHED("Push/Merged Remote Blocks Fetched"),
  SHUFFLE_MERGED_LOCAL_BLOCKS_FETCHED("Push/Merged Local Blocks Fetched"),
  SHUFFLE_MERGED_REMOTE_CHUNKS_FETCHED("Push/Merged Remote Chunks Fetched"),
  SHUFFLE_MERGED_LOCAL_CHUNKS_FETCHED("Push/Merged Local Chunks Fetched"),
  SHUFFLE_MERGED_REMOTE_BYTES_READ("Push/Merged Remote Bytes Read"),
  SHUFFLE_MERGED_LOCAL_BYTES_READ("Push/Merged Local Bytes Read"),
  SHUFFLE_MERGED_REMOTE_REQS_DURATION("Push/Merged Remote Requests Duration"),
  SHUFFLE_BYTES_WRITTEN("ShuffleWrite/Shuffle Bytes Written"),
  SHUFFLE_WRITE_TIME("ShuffleWrite/Shuffle Write Time"),
  SHUFFLE_RECORDS_WRITTEN("ShuffleWrite/Shuffle Records Written");

  /** How many metrics a task array holds. */
  public static final int COUNT = values().length;

  private static final Map<String, TaskMetric> BY_PATH = new HashMap<>();

  static {
    for (TaskMetric metric : values()) {
      BY_PATH.put(metric.eventPath, metric);
    }
    // Spark 1.x wrote the shuffle write metrics under this name, and the push-based ones sat inside
    // the shuffle read metrics object; both are looked up by the innermost object's name.
    BY_PATH.put("ShuffleRead/Total Records Read", SHUFFLE_RECORDS_READ);
  }

  private final String eventPath;

  TaskMetric(String eventPath) {
    this.eventPath = eventPath;
  }

  /** Where the value sits in an event's {@code "Task Metrics"}. */
  public String eventPath() {
    return eventPath;
  }

  /**
   * The group of a nested object of {@code "Task Metrics"}; null for objects holding no kept metric
   * (such as {@code "Updated Blocks"}).
   */
  static String group(String objectName) {
    return switch (objectName) {
      case "Input Metrics" -> "Input";
      case "Output Metrics" -> "Output";
      case "Shuffle Read Metrics" -> "ShuffleRead";
      case "Shuffle Write Metrics" -> "ShuffleWrite";
      case "Push Based Shuffle", "Shuffle Push Read Metrics" -> "Push";
      default -> null;
    };
  }

  /**
   * The metric at {@code field} of the group {@code parent} ({@code null} at the top level of
   * {@code "Task Metrics"}); null for fields the replay does not keep.
   */
  static TaskMetric at(String parent, String field) {
    return BY_PATH.get(parent == null ? field : parent + "/" + field);
  }

  /** A fresh array of zeros. */
  static long[] zeros() {
    return new long[COUNT];
  }
}
