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
 *
 * <p>{@link #tryAcquire} serves {@code when_full: drop_newest}: it waits only until the budget has
 * been spent for the timeout, counted from the first acquire that found it spent, so once that
 * time has passed every further acquire fails at once until one fits again.
 */
final class MemoryBudget {

  private final long limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private long used; // guarded by lock
  private long waitingNanos; // guarded by lock; total time readers were blocked
  private boolean spent; // guarded by lock; an acquire found the budget spent and none fitted since
  private long spentSinceNanos; // guarded by lock; when, if spent

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

  /**
   * Takes {@code bytes} from the budget if they fit before the budget has been spent for {@code
   * timeoutNanos}; false, without taking anything, if not.
   */
  boolean tryAcquire(long bytes, long timeoutNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (!fits(bytes)) {
        long start = System.nanoTime();
        if (!spent) {
          spent = true;
          spentSinceNanos = start;
        }
        long giveUpAt = spentSinceNanos + timeoutNanos;
        try {
          while (!fits(bytes)) {
            long left = giveUpAt - System.nanoTime();
            if (left <= 0) {
              return false;
            }
            released.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
          }
        } finally {
          waitingNanos += System.nanoTime() - start;
        }
      }
      spent = false;
      used += bytes;
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean fits(long bytes) {
    return used == 0 || used + bytes <= limit;
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
