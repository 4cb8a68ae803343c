package io.pipelens.history.replay;

/** Spark's {@code StorageLevel}: its description and validity, from its flags. */
final class StorageLevels {

  private StorageLevels() {}

  /** {@code StorageLevel.description}, e.g. {@code Disk Memory Serialized 1x Replicated}. */
  static String description(
      boolean disk, boolean memory, boolean offHeap, boolean deserialized, int replication) {
    StringBuilder text = new StringBuilder();
    if (disk) {
      text.append("Disk ");
    }
    if (memory) {
      text.append(offHeap ? "Memory (off heap) " : "Memory ");
    }
    text.append(deserialized ? "Deserialized " : "Serialized ");
    text.append(replication).append("x Replicated");
    return text.toString();
  }

  /** {@code StorageLevel.isValid}: stored somewhere, at least once. */
  static boolean valid(boolean disk, boolean memory, int replication) {
    return (memory || disk) && replication > 0;
  }
}
