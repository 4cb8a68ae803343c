package io.pipelens.collector.source.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * The offsets of one partition that were handed on and not yet committed, and which of them are
 * acknowledged. The offset to commit is one past the last offset of the acknowledged run at the
 * start: a record acknowledged out of order waits for the ones before it.
 *
 * <p>Thread-safe: the consumer thread adds and commits, sink threads acknowledge. An instance
 * belongs to one assignment of the partition; after a revoke it is dropped, and late
 * acknowledgements on it change nothing anyone reads.
 */
final class PartitionProgress {

  private final Object lock = new Object();
  private final TreeMap<Long, Boolean> outstanding = new TreeMap<>(); // offset → acknowledged
  private long committable = -1; // the next offset to consume after what is acknowledged
  private long committed = -1;

  /** Registers {@code offset}, just polled; offsets arrive in increasing order. */
  void polled(long offset) {
    synchronized (lock) {
      outstanding.put(offset, Boolean.FALSE);
    }
  }

  /** Marks {@code offset} stored (or dead-lettered). */
  void acknowledged(long offset) {
    synchronized (lock) {
      if (outstanding.replace(offset, Boolean.TRUE) == null) {
        return;
      }
      for (Map.Entry<Long, Boolean> first = outstanding.firstEntry();
          first != null && first.getValue();
          first = outstanding.firstEntry()) {
        committable = first.getKey() + 1;
        outstanding.pollFirstEntry();
      }
    }
  }

  /**
   * The offset to commit if it moved since the last {@link #markCommitted}, else -1: one past the
   * highest offset that was acknowledged together with every offset polled before it.
   */
  long toCommit() {
    synchronized (lock) {
      return committable > committed ? committable : -1;
    }
  }

  void markCommitted(long offset) {
    synchronized (lock) {
      committed = Math.max(committed, offset);
    }
  }

  /** Offsets polled and not acknowledged yet. */
  int inFlight() {
    synchronized (lock) {
      int n = 0;
      for (boolean acknowledged : outstanding.values()) {
        n += acknowledged ? 0 : 1;
      }
      return n;
    }
  }
}
