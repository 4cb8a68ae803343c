package io.pipelens.agent.output.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The deliveries an output has accepted and not finished, so {@code stop} can wait for them within
 * its deadline and then fail the rest. Thread-safe.
 */
public final class PendingDeliveries {

  private final Set<BatchDelivery> pending = ConcurrentHashMap.newKeySet();

  /** Tracks {@code delivery} until its stage completes. */
  public void add(BatchDelivery delivery) {
    pending.add(delivery);
    delivery.stage().whenComplete((ignored, failure) -> pending.remove(delivery));
  }

  /** The number of deliveries not finished yet. */
  public int size() {
    pending.removeIf(BatchDelivery::isFinished);
    return pending.size();
  }

  /** Waits until every delivery finished or {@code deadlineNanos} (a {@link System#nanoTime()}) passed. */
  public boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
    while (size() > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
    }
    return true;
  }
  /**
   * {@link #awaitEmpty}, for {@code stop}: an interrupt ends the wait, keeps the thread's interrupt
   * status, and counts as not delivered.
   */
  public boolean awaitDelivered(long deadlineNanos) {
    try {
      return awaitEmpty(deadlineNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }


  /** Fails every delivery not finished yet with {@code cause}. */
  public void failAll(Throwable cause) {
    for (BatchDelivery delivery : pending) {
      delivery.fail(cause);
    }
    pending.clear();
  }
}
