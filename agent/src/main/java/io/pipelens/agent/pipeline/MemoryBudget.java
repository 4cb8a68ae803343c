package io.pipelens.agent.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes of records that are read but not yet acknowledged by every output. When the budget is
 * spent, {@link #acquire} blocks the reader, so a slow or down output stops reading instead of
 * filling the heap: the files are the buffer.
 *
 * <p>One record larger than the whole budget is still let through when nothing else is held;
 * otherwise it could never be sent.
 */
final class MemoryBudget {

  private final long limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private long used; // guarded by lock
  private long waitingNanos; // guarded by lock; total time readers were blocked

  MemoryBudget(long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("memory budget must be positive, got " + limitBytes);
    }
    this.limit = limitBytes;
  }

  /** Takes {@code bytes} from the budget, waiting while it is spent. */
  void acquire(long bytes) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (used > 0 && used + bytes > limit) {
        long start = System.nanoTime();
        while (used > 0 && used + bytes > limit) {
          released.await(100, TimeUnit.MILLISECONDS);
        }
        waitingNanos += System.nanoTime() - start;
      }
      used += bytes;
    } finally {
      lock.unlock();
    }
  }

  /** Gives {@code bytes} back, once the records they stood for are acknowledged. */
  void release(long bytes) {
    lock.lock();
    try {
      used = Math.max(0, used - bytes);
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long used() {
    lock.lock();
    try {
      return used;
    } finally {
      lock.unlock();
    }
  }

  long limit() {
    return limit;
  }

  /** How long readers have waited for the budget in total: time spent in backpressure. */
  double blockedSeconds() {
    lock.lock();
    try {
      return waitingNanos / 1e9;
    } finally {
      lock.unlock();
    }
  }
}
