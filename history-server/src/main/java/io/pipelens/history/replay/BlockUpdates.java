package io.pipelens.history.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cached blocks, with the semantics of Spark 4.1's {@code AppStatusListener}: {@code
 * SparkListenerBlockUpdated} of RDD blocks ({@code rdd_<rddId>_<partition>}) updates the RDD's
 * partitions, memory, disk and per-executor distribution and the executor's storage memory, disk
 * and RDD block count; of broadcast blocks ({@code broadcast_<id>[_piece<n>]}) the executor's
 * memory and disk only. Streaming blocks are not replayed (nor is streaming). An unpersisted RDD
 * gives its memory back to its executors; a removed executor takes its share of each RDD with it.
 *
 * <p>Only active executors are counted, as only Spark's live ones are; values never go below 0.
 */
final class BlockUpdates {

  private static final String RDD_PREFIX = "rdd_";
  private static final String BROADCAST_PREFIX = "broadcast_";

  private final AppState state;

  BlockUpdates(AppState state) {
    this.state = state;
  }

  /** Applies the {@code Block Updated Info} of one event. */
  void blockUpdated(JsonNode info) {
    if (info == null) {
      return;
    }
    String blockId = Json.text(info, "Block ID");
    if (blockId == null) {
      return;
    }
    JsonNode level = info.get("Storage Level");
    boolean disk = Json.boolOr(level, "Use Disk", false);
    boolean memory = Json.boolOr(level, "Use Memory", false);
    boolean offHeap = Json.boolOr(level, "Use Off Heap", false);
    boolean valid = StorageLevels.valid(disk, memory, Json.intOr(level, "Replication", 1));
    long memoryDelta = Json.longOr(info, "Memory Size", 0) * (memory ? 1 : -1);
    long diskDelta = Json.longOr(info, "Disk Size", 0) * (disk ? 1 : -1);
    String executorId = Json.text(info.get("Block Manager ID"), "Executor ID");
    if (executorId == null) {
      return;
    }
    ExecutorRecord executor = state.executors.get(executorId);
    if (executor != null && !executor.active) {
      executor = null;
    }
    if (blockId.startsWith(RDD_PREFIX)) {
      int rddId = rddId(blockId);
      if (rddId >= 0) {
        rddBlock(blockId, rddId, executorId, executor, valid, offHeap, memoryDelta, diskDelta);
      }
    } else if (blockId.startsWith(BROADCAST_PREFIX) && executor != null) {
      addToExecutor(executor, offHeap, memoryDelta, diskDelta);
    }
  }

  private void rddBlock(
      String blockName,
      int rddId,
      String executorId,
      ExecutorRecord executor,
      boolean valid,
      boolean offHeap,
      long memoryDelta,
      long diskDelta) {
    // The executor first: what remains free on it goes into the distributions below.
    if (executor != null) {
      addToExecutor(executor, offHeap, memoryDelta, diskDelta);
    }
    RddRecord rdd = state.rdds.get(rddId);
    int blocksDelta = 0;
    if (rdd != null) {
      RddRecord.Partition partition =
          rdd.partitions.computeIfAbsent(blockName, name -> new RddRecord.Partition(name, rdd));
      List<String> executors;
      if (valid) {
        executors = partition.executors;
        if (!executors.contains(executorId)) {
          blocksDelta = 1;
          executors = append(executors, executorId);
        }
      } else {
        blocksDelta = -1;
        executors = without(partition.executors, executorId);
      }
      if (executors.isEmpty()) {
        rdd.partitions.remove(blockName);
      } else {
        partition.executors = executors;
        partition.memoryUsed = nonNegative(partition.memoryUsed + memoryDelta);
        partition.diskUsed = nonNegative(partition.diskUsed + diskDelta);
      }
      if (executor != null) {
        // Spark keeps a distribution while the executor holds any RDD block, of any RDD.
        if (executor.rddBlocks + blocksDelta > 0) {
          RddRecord.Distribution distribution =
              rdd.distributions.computeIfAbsent(executorId, RddRecord.Distribution::new);
          distribution.memoryUsed = nonNegative(distribution.memoryUsed + memoryDelta);
          distribution.diskUsed = nonNegative(distribution.diskUsed + diskDelta);
          if (executor.hasMemoryMetrics()) {
            if (offHeap) {
              distribution.offHeapUsed = nonNegative(distribution.offHeapUsed + memoryDelta);
            } else {
              distribution.onHeapUsed = nonNegative(distribution.onHeapUsed + memoryDelta);
            }
          }
        } else {
          rdd.distributions.remove(executorId);
        }
        // Every RDD's view of this executor's free memory is taken again, as Spark recomputes it.
        for (RddRecord any : state.rdds.values()) {
          RddRecord.Distribution distribution = any.distributions.get(executorId);
          if (distribution != null) {
            distribution.snapshot(executor);
          }
        }
      }
      rdd.memoryUsed = nonNegative(rdd.memoryUsed + memoryDelta);
      rdd.diskUsed = nonNegative(rdd.diskUsed + diskDelta);
    }
    if (executor != null) {
      executor.rddBlocks += blocksDelta;
    }
  }

  /** {@code SparkListenerUnpersistRDD}: the RDD goes, its blocks' memory back to the executors. */
  void unpersist(int rddId) {
    RddRecord rdd = state.rdds.remove(rddId);
    if (rdd == null) {
      return;
    }
    for (RddRecord.Partition partition : rdd.partitions.values()) {
      for (String executorId : partition.executors) {
        ExecutorRecord executor = live(executorId);
        if (executor != null) {
          executor.rddBlocks--;
        }
      }
    }
    for (RddRecord.Distribution distribution : rdd.distributions.values()) {
      ExecutorRecord executor = live(distribution.executorId);
      if (executor == null) {
        continue;
      }
      if (executor.hasMemoryMetrics()) {
        if (rdd.offHeap) {
          executor.usedOffHeap = nonNegative(executor.usedOffHeap - distribution.offHeapUsed);
        } else {
          executor.usedOnHeap = nonNegative(executor.usedOnHeap - distribution.onHeapUsed);
        }
      }
      executor.memoryUsed = nonNegative(executor.memoryUsed - distribution.memoryUsed);
      executor.diskUsed = nonNegative(executor.diskUsed - distribution.diskUsed);
    }
  }

  /**
   * An active executor was removed: its distributions go, and so do the partitions only it held;
   * a partition it shared loses its share (an even split of the partition's bytes).
   */
  void executorRemoved(String executorId) {
    for (RddRecord rdd : state.rdds.values()) {
      rdd.distributions.remove(executorId);
      Iterator<RddRecord.Partition> partitions = rdd.partitions.values().iterator();
      while (partitions.hasNext()) {
        RddRecord.Partition partition = partitions.next();
        if (!partition.executors.contains(executorId)) {
          continue;
        }
        int holders = partition.executors.size();
        if (holders == 1) {
          partitions.remove();
          rdd.memoryUsed = nonNegative(rdd.memoryUsed - partition.memoryUsed);
          rdd.diskUsed = nonNegative(rdd.diskUsed - partition.diskUsed);
        } else {
          long memoryShare = partition.memoryUsed / holders;
          long diskShare = partition.diskUsed / holders;
          rdd.memoryUsed = nonNegative(rdd.memoryUsed - memoryShare);
          rdd.diskUsed = nonNegative(rdd.diskUsed - diskShare);
          partition.executors = without(partition.executors, executorId);
          partition.memoryUsed = nonNegative(partition.memoryUsed - memoryShare);
          partition.diskUsed = nonNegative(partition.diskUsed - diskShare);
        }
      }
    }
  }

  private ExecutorRecord live(String executorId) {
    ExecutorRecord executor = state.executors.get(executorId);
    return executor != null && executor.active ? executor : null;
  }

  private static void addToExecutor(
      ExecutorRecord executor, boolean offHeap, long memoryDelta, long diskDelta) {
    if (executor.hasMemoryMetrics()) {
      if (offHeap) {
        executor.usedOffHeap = nonNegative(executor.usedOffHeap + memoryDelta);
      } else {
        executor.usedOnHeap = nonNegative(executor.usedOnHeap + memoryDelta);
      }
    }
    executor.memoryUsed = nonNegative(executor.memoryUsed + memoryDelta);
    executor.diskUsed = nonNegative(executor.diskUsed + diskDelta);
  }

  /** The RDD id of {@code rdd_<id>_<partition>}; -1 when the name has another shape. */
  static int rddId(String blockName) {
    int start = RDD_PREFIX.length();
    int end = blockName.indexOf('_', start);
    if (end <= start || end == blockName.length() - 1) {
      return -1;
    }
    try {
      Integer.parseInt(blockName.substring(end + 1));
      return Integer.parseInt(blockName.substring(start, end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<String> append(List<String> executors, String executorId) {
    List<String> more = new ArrayList<>(executors.size() + 1);
    more.addAll(executors);
    more.add(executorId);
    return List.copyOf(more);
  }

  private static List<String> without(List<String> executors, String executorId) {
    List<String> fewer = new ArrayList<>(executors);
    fewer.removeIf(e -> e.equals(executorId));
    return List.copyOf(fewer);
  }

  private static long nonNegative(long value) {
    return Math.max(0, value);
  }
}
