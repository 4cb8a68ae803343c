package io.pipelens.agent.output.internal;

import io.pipelens.agent.output.OutputStoppedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The encoded bytes an output has accepted but the destination has not acknowledged yet. {@link
 * #acquire} blocks while the budget is spent, so a slow or unreachable destination makes {@code
 * send} block instead of buffering without limit: the files being read are the buffer.
 *
 * <p>A request larger than the whole budget is let through when nothing else is held; otherwise it
 * could never be sent.
 */
public final class ByteBudget {

  private final String outputName;
  private final long limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private long used; // guarded by lock
  private boolean closed; // guarded by lock

  /** A budget of {@code limitBytes} for the output {@code outputName}. */
  public ByteBudget(String outputName, long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("byte budget must be positive, got " + limitBytes);
    }
    this.outputName = outputName;
    this.limit = limitBytes;
  }

  /**
   * Takes {@code bytes}, waiting while the budget is spent.
   *
   * @throws OutputStoppedException if the budget is closed, before or while waiting
   */
  public void acquire(long bytes) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (!closed && used > 0 && used + bytes > limit) {
        released.await(100, TimeUnit.MILLISECONDS);
      }
      if (closed) {
        throw new OutputStoppedException(outputName + " output is stopping and takes no more records");
      }
      used += bytes;
    } finally {
      lock.unlock();
    }
  }

  /** Takes {@code bytes} without waiting: for a part that replaces one already counted. */
  public void force(long bytes) {
    lock.lock();
    try {
      used += bytes;
    } finally {
      lock.unlock();
    }
  }

  /** Gives {@code bytes} back. */
  public void release(long bytes) {
    lock.lock();
    try {
      used = Math.max(0, used - bytes);
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiter with an {@link OutputStoppedException}; later acquires fail at once. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The bytes held now. */
  public long used() {
    lock.lock();
    try {
      return used;
    } finally {
      lock.unlock();
    }
  }
}
