package io.pipelens.history.replay;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RDD a stage declared with a storage level, as Spark's storage tab lists it, with what {@code
 * SparkListenerBlockUpdated} events (written when {@code spark.eventLog.logBlockUpdates.enabled})
 * say of its cached blocks: memory and disk used, each partition's block, and the data per
 * executor. Without block updates in the log nothing is cached, as in Spark.
 */
public final class RddRecord {

  final int id;
  final String name;
  final int numPartitions;
  final String storageLevel;
  final boolean offHeap;
  final boolean deserialized;
  long memoryUsed;
  long diskUsed;
  /** By block name, in the order Spark's partition list keeps: first stored first. */
  final Map<String, Partition> partitions = new LinkedHashMap<>();
  /** By executor id, in the order the executors first held a block of this RDD. */
  final Map<String, Distribution> distributions = new LinkedHashMap<>();

  RddRecord(int id, String name, int numPartitions, String storageLevel) {
    this(id, name, numPartitions, storageLevel, false, false);
  }

  RddRecord(
      int id,
      String name,
      int numPartitions,
      String storageLevel,
      boolean offHeap,
      boolean deserialized) {
    this.id = id;
    this.name = name;
    this.numPartitions = numPartitions;
    this.storageLevel = storageLevel;
    this.offHeap = offHeap;
    this.deserialized = deserialized;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public int numPartitions() {
    return numPartitions;
  }

  /** Spark's {@code StorageLevel.description}, e.g. {@code Memory Deserialized 1x Replicated}. */
  public String storageLevel() {
    return storageLevel;
  }

  /** Partitions with a block on some executor. */
  public int numCachedPartitions() {
    return partitions.size();
  }

  /** Bytes in memory over all blocks. */
  public long memoryUsed() {
    return memoryUsed;
  }

  /** Bytes on disk over all blocks. */
  public long diskUsed() {
    return diskUsed;
  }

  /** The cached partitions, first stored first. */
  public Collection<Partition> partitions() {
    return partitions.values();
  }

  /** The RDD's data per executor; empty when no executor holds a block. */
  public Collection<Distribution> distributions() {
    return distributions.values();
  }

  /**
   * Spark's {@code StorageLevel.description} of a partition's block: memory and disk as it uses
   * them now, the RDD's off-heap and deserialized flags, one replica per executor.
   */
  String partitionLevel(Partition partition) {
    boolean memory = partition.memoryUsed > 0;
    return StorageLevels.description(
        partition.diskUsed > 0, memory, offHeap, memory && deserialized,
        partition.executors.size());
  }

  /** One cached partition: Spark's {@code RDDPartitionInfo}. */
  public static final class Partition {
    final String blockName;
    final RddRecord rdd;
    List<String> executors = List.of();
    long memoryUsed;
    long diskUsed;

    Partition(String blockName, RddRecord rdd) {
      this.blockName = blockName;
      this.rdd = rdd;
    }

    public String blockName() {
      return blockName;
    }

    public String storageLevel() {
      return rdd.partitionLevel(this);
    }

    public long memoryUsed() {
      return memoryUsed;
    }

    public long diskUsed() {
      return diskUsed;
    }

    /** The executors holding the block, in the order they stored it. */
    public List<String> executors() {
      return executors;
    }
  }

  /**
   * The RDD's data on one executor: Spark's {@code RDDDataDistribution}. What remains free is
   * Spark's snapshot, taken whenever a block of any RDD changed on the executor, not live.
   */
  public static final class Distribution {
    final String executorId;
    long memoryUsed;
    long diskUsed;
    long onHeapUsed;
    long offHeapUsed;
    String address;
    long memoryRemaining;
    boolean hasMemoryInfo;
    long onHeapRemaining;
    long offHeapRemaining;

    Distribution(String executorId) {
      this.executorId = executorId;
    }

    /** Takes what the executor has free now, as Spark's {@code toApi} does when it recomputes. */
    void snapshot(ExecutorRecord executor) {
      address = executor.hostPort;
      memoryRemaining = executor.maxMemory - executor.memoryUsed;
      hasMemoryInfo = executor.hasMemoryMetrics();
      onHeapRemaining = executor.totalOnHeap - executor.usedOnHeap;
      offHeapRemaining = executor.totalOffHeap - executor.usedOffHeap;
    }

    public String address() {
      return address;
    }

    public long memoryUsed() {
      return memoryUsed;
    }

    public long memoryRemaining() {
      return memoryRemaining;
    }

    public long diskUsed() {
      return diskUsed;
    }

    /** Whether the executor reported on- and off-heap memory, so the four fields below exist. */
    public boolean hasMemoryInfo() {
      return hasMemoryInfo;
    }

    public long onHeapMemoryUsed() {
      return onHeapUsed;
    }

    public long offHeapMemoryUsed() {
      return offHeapUsed;
    }

    public long onHeapMemoryRemaining() {
      return onHeapRemaining;
    }

    public long offHeapMemoryRemaining() {
      return offHeapRemaining;
    }
  }
}
