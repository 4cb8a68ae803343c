package io.pipelens.agent.source;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition that real threads make true. */
final class Waiting {

  private Waiting() {}

  /** Waits until {@code condition} holds; fails with {@code state}'s description after {@code timeout}. */
  static void until(Duration timeout, BooleanSupplier condition, Supplier<Object> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + "; state: " + state.get());
      }
      Thread.sleep(5);
    }
  }
}
