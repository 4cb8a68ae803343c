package io.pipelens.testsupport.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Polls a readiness check until it passes or time runs out. */
public final class Await {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private Await() {}

  /** A readiness check. It may throw to stop waiting, e.g. when the server process has exited. */
  @FunctionalInterface
  public interface Check {
    /** Empty when ready, else what is still missing; the last answer ends up in the timeout. */
    Optional<String> pending();
  }

  /**
   * Returns once {@code check} passes.
   *
   * @throws TimeoutException if it still fails after {@code timeout}; the message names {@code
   *     what} and the check's last answer
   */
  public static void until(String what, Duration timeout, Check check)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> pending = check.pending();
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new TimeoutException(
            what + " not ready after " + timeout.toSeconds() + " s; last check: " + pending.get());
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }
}
