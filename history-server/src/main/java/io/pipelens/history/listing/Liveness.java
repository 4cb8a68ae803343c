package io.pipelens.history.listing;

import java.time.Duration;
import java.util.Objects;

/**
 * Tells running attempts from abandoned ones: an attempt without an end event whose log has not
 * changed ({@link AttemptSummary#lastUpdated()}, the newest file's modification time) for at least
 * {@code abandonedAfter} is abandoned. Decided at the time of asking, so an attempt turns abandoned
 * without a rescan and back to running as soon as a scan sees its log grow.
 *
 * @param abandonedAfter how long a log may stay unchanged and still count as running; null for
 *     never abandoned
 */
public record Liveness(Duration abandonedAfter) {

  /** Every attempt without an end event is running, as in Spark. */
  public static final Liveness NEVER_ABANDONED = new Liveness(null);

  /** Checks the duration is positive. */
  public Liveness {
    if (abandonedAfter != null && (abandonedAfter.isNegative() || abandonedAfter.isZero())) {
      throw new IllegalArgumentException("abandonedAfter must be positive: " + abandonedAfter);
    }
  }

  public AttemptState state(AttemptSummary attempt, long nowMillis) {
    Objects.requireNonNull(attempt, "attempt");
    if (attempt.completed()) {
      return AttemptState.COMPLETED;
    }
    if (abandonedAfter != null && nowMillis - attempt.lastUpdated() >= abandonedAfter.toMillis()) {
      return AttemptState.ABANDONED;
    }
    return AttemptState.RUNNING;
  }

  /** An application's state is its newest attempt's, as Spark decides running from it. */
  public AttemptState state(ApplicationSummary app, long nowMillis) {
    return state(app.latestAttempt(), nowMillis);
  }
}
