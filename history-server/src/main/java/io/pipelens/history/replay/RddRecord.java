package io.pipelens.history.replay;

/**
 * An RDD a stage declared with a storage level, as Spark's storage tab lists it. Cached partitions
 * and memory use come from block updates, which this replay does not apply yet, so they stay 0.
 */
public final class RddRecord {

  final int id;
  final String name;
  final int numPartitions;
  final String storageLevel;

  RddRecord(int id, String name, int numPartitions, String storageLevel) {
    this.id = id;
    this.name = name;
    this.numPartitions = numPartitions;
    this.storageLevel = storageLevel;
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

  /** Partitions known to be cached; 0 until block updates are replayed. */
  public int numCachedPartitions() {
    return 0;
  }
}
