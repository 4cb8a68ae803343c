package io.pipelens.agent.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>{@link #acquire} takes bytes that fit with one compare-and-set, without the lock: it runs once
 * a record on the reader's thread. Only a reader that finds the budget spent takes the lock and
 * waits; {@link #release} (once a batch) frees the bytes first and then signals under the lock, so
 * a reader that saw the budget spent under the lock cannot miss the release that frees it.
 */
final class MemoryBudget {

  private final long limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final AtomicLong used = new AtomicLong(); // changed only by compare-and-set
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
    if (takeIfFits(bytes)) {
      return;
    }
    lock.lockInterruptibly();
    try {
      if (!takeIfFits(bytes)) {
        long start = System.nanoTime();
        do {
          released.await(100, TimeUnit.MILLISECONDS);
        } while (!takeIfFits(bytes));
        waitingNanos += System.nanoTime() - start;
      }
    } finally {
      lock.unlock();
    }
  }

  // Takes bytes if they fit (or nothing is held), false without taking anything if not; a
  // compare-and-set that lost to another thread looks again.
  private boolean takeIfFits(long bytes) {
    while (true) {
      long now = used.get();
      if (now > 0 && now + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /**
   * Takes {@code bytes} from the budget if they fit before the budget has been spent for {@code
   * timeoutNanos}; false, without taking anything, if not.
   */
  boolean tryAcquire(long bytes, long timeoutNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (!takeIfFits(bytes)) {
        long start = System.nanoTime();
        if (!spent) {
          spent = true;
          spentSinceNanos = start;
        }
        long giveUpAt = spentSinceNanos + timeoutNanos;
        try {
          while (!takeIfFits(bytes)) {
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
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Gives {@code bytes} back, once the records they stood for are acknowledged. */
  void release(long bytes) {
    used.updateAndGet(now -> Math.max(0, now - bytes));
    lock.lock();
    try {
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long used() {
    return used.get();
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
