package io.pipelens.agent.output.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random time
 * between 0 and {@code min(max, initial * 2^(n-1))}. Full jitter spreads the retries of many agents
 * that lost the same collector at the same moment, so they do not come back as one wave.
 *
 * <p>Not thread-safe; each retry loop owns one.
 */
public final class Backoff {

  private final long initialNanos;
  private final long maxNanos;
  private int failures;

  /** A backoff growing from {@code initial} to at most {@code max}. */
  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, got initial " + initial + " and max " + max);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** The wait before the next attempt, counting one more consecutive failure. */
  public Duration next() {
    long ceiling = ceilingNanos(failures);
    if (failures < 62) {
      failures++;
    }
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** Forgets the failures: the next wait starts from {@code initial} again. */
  public void reset() {
    failures = 0;
  }

  /** The upper bound of the wait after {@code failures} earlier consecutive failures. */
  long ceilingNanos(int failures) {
    // Shifting past the point where it exceeds max would overflow; stop doubling there.
    long ceiling = initialNanos;
    for (int i = 0; i < failures && ceiling < maxNanos; i++) {
      ceiling = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
    }
    return Math.min(ceiling, maxNanos);
  }
}
