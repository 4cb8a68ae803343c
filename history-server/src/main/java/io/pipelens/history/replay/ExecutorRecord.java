package io.pipelens.history.replay;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One executor (or the driver): Spark's {@code ExecutorSummary} as the listener keeps it. */
public final class ExecutorRecord {

  /** One resource an executor was given, e.g. GPUs with their addresses. */
  public record Resource(String name, List<String> addresses) {}

  final String executorId;
  final long addTime;
  String hostPort;
  String host;
  boolean active = true;
  int totalCores;
  int maxTasks;
  long removeTime = -1;
  String removeReason;
  long maxMemory;
  long totalOnHeap = -1;
  long totalOffHeap;
  long usedOnHeap;
  long usedOffHeap;
  /** Storage memory and disk of cached blocks (RDDs and broadcasts), from block updates. */
  long memoryUsed;
  long diskUsed;
  /** RDD blocks the executor holds, from block updates. */
  int rddBlocks;
  int totalTasks;
  int activeTasks;
  int completedTasks;
  int failedTasks;
  long totalDuration;
  long totalGcTime;
  long totalInputBytes;
  long totalShuffleRead;
  long totalShuffleWrite;
  boolean excluded;
  final TreeSet<Integer> excludedInStages = new TreeSet<>();
  Map<String, String> logs = Map.of();
  Map<String, String> attributes = Map.of();
  Map<String, Resource> resources = Map.of();
  int resourceProfileId;
  long[] peakMetrics;

  ExecutorRecord(String executorId, long addTime) {
    this.executorId = executorId;
    this.addTime = addTime;
  }

  /** The host without port, for node-level exclusion. */
  String hostname() {
    if (host != null) {
      return host;
    }
    if (hostPort == null) {
      return null;
    }
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  public String executorId() {
    return executorId;
  }

  /** The block manager's {@code host:port} when known, else the host. */
  public String hostPort() {
    return hostPort != null ? hostPort : host;
  }

  public boolean active() {
    return active;
  }

  public int totalCores() {
    return totalCores;
  }

  public int maxTasks() {
    return maxTasks;
  }

  public long addTime() {
    return addTime;
  }

  /** -1 while not removed. */
  public long removeTime() {
    return removeTime;
  }

  public String removeReason() {
    return removeReason;
  }

  public long maxMemory() {
    return maxMemory;
  }

  /** Whether the block manager reported on- and off-heap sizes (Spark 2.1 and later). */
  public boolean hasMemoryMetrics() {
    return totalOnHeap >= 0;
  }

  public long totalOnHeap() {
    return totalOnHeap;
  }

  public long totalOffHeap() {
    return totalOffHeap;
  }

  /** Bytes of cached blocks in memory; Spark's {@code memoryUsed}. */
  public long memoryUsed() {
    return memoryUsed;
  }

  /** Bytes of cached blocks on disk; Spark's {@code diskUsed}. */
  public long diskUsed() {
    return diskUsed;
  }

  /** RDD blocks held; Spark's {@code rddBlocks}. */
  public int rddBlocks() {
    return rddBlocks;
  }

  public long usedOnHeap() {
    return usedOnHeap;
  }

  public long usedOffHeap() {
    return usedOffHeap;
  }

  public int totalTasks() {
    return totalTasks;
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

  public long totalDuration() {
    return totalDuration;
  }

  public long totalGcTime() {
    return totalGcTime;
  }

  public long totalInputBytes() {
    return totalInputBytes;
  }

  public long totalShuffleRead() {
    return totalShuffleRead;
  }

  public long totalShuffleWrite() {
    return totalShuffleWrite;
  }

  public boolean excluded() {
    return excluded;
  }

  public TreeSet<Integer> excludedInStages() {
    return excludedInStages;
  }

  public Map<String, String> logs() {
    return logs;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  public Map<String, Resource> resources() {
    return resources;
  }

  public int resourceProfileId() {
    return resourceProfileId;
  }

  /** By {@link ExecutorMetricNames}; null when none reported. */
  public long[] peakMetrics() {
    return peakMetrics;
  }
}
