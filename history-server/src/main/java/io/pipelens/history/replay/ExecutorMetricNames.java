package io.pipelens.history.replay;

import java.util.List;

/**
 * The executor memory and GC metrics Spark tracks as peaks ({@code ExecutorMetricType}), in the
 * order Spark's REST API writes them; peak arrays are indexed by position in {@link #NAMES}.
 */
public final class ExecutorMetricNames {

  /** Spark 4's metric names; older logs lack the last ones, which then stay 0. */
  public static final List<String> NAMES =
      List.of(
          "JVMHeapMemory",
          "JVMOffHeapMemory",
          "OnHeapExecutionMemory",
          "OffHeapExecutionMemory",
          "OnHeapStorageMemory",
          "OffHeapStorageMemory",
          "OnHeapUnifiedMemory",
          "OffHeapUnifiedMemory",
          "DirectPoolMemory",
          "MappedPoolMemory",
          "ProcessTreeJVMVMemory",
          "ProcessTreeJVMRSSMemory",
          "ProcessTreePythonVMemory",
          "ProcessTreePythonRSSMemory",
          "ProcessTreeOtherVMemory",
          "ProcessTreeOtherRSSMemory",
          "MinorGCCount",
          "MinorGCTime",
          "MajorGCCount",
          "MajorGCTime",
          "TotalGCTime",
          "ConcurrentGCCount",
          "ConcurrentGCTime");

  private ExecutorMetricNames() {}

  /** Position of {@code name}, or -1 for a metric this server does not know. */
  static int indexOf(String name) {
    return NAMES.indexOf(name);
  }
}
