package io.pipelens.history.store;

import io.pipelens.history.replay.ReplayStats;

/** What {@link AppStoreCache} reports, for metrics; implementations must be thread-safe. */
public interface ReplayObserver {

  /** Ignores everything. */
  ReplayObserver NONE = new ReplayObserver() {};

  /** A request found its attempt loaded and current. */
  default void hit() {}

  /** A request needed a replay (first load, or the log changed). */
  default void miss() {}

  /** A replay finished. */
  default void replayed(ReplayStats stats) {}

  /** A replay failed with an I/O error. */
  default void failed() {}
}
