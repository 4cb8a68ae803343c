package io.pipelens.history.snapshot;

/** What a {@link SnapshotStore} reports, for metrics; implementations must be thread-safe. */
public interface SnapshotObserver {

  /** Ignores everything. */
  SnapshotObserver NONE = new SnapshotObserver() {};

  /** A load found a snapshot of the log as it is and read it instead of replaying. */
  default void hit(long bytes, long nanos) {}

  /** A load found no snapshot of the log. */
  default void miss() {}

  /** A load found a snapshot it could not use, and deleted it. */
  default void rejected(SnapshotFormat.Rejection reason) {}

  /** A snapshot was written. */
  default void written(long bytes) {}

  /** A snapshot could not be written (I/O error, or too many waiting). */
  default void writeFailed() {}

  /** A snapshot was deleted to keep the directory within its disk budget. */
  default void evicted() {}
}
