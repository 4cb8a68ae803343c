package io.pipelens.history.snapshot;

/** What a {@link SnapshotStore} reports, for metrics; implementations must be thread-safe. */
public interface SnapshotObserver {

  /** Ignores everything. */
  SnapshotObserver NONE = new SnapshotObserver() {};

  /** A load found a snapshot of the log as it is and read it instead of replaying. */
  default void hit(long bytes, long nanos) {}

  /** A load found no usable snapshot of the log (none, or one {@linkplain #rejected rejected}). */
  default void miss() {}

  /** A snapshot (of an attempt, or the listing) could not be used, and was deleted. */
  default void rejected(SnapshotFormat.Rejection reason) {}

  /** A snapshot was written. */
  default void written(long bytes) {}

  /** A snapshot could not be written (I/O error, or too many waiting). */
  default void writeFailed() {}

  /** A snapshot was deleted to keep the directory within its disk budget. */
  default void evicted() {}
}
