package io.pipelens.agent.output.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring failure at most once per interval and says how many were left out, so a
 * destination that is down for an hour writes a line every few seconds instead of one per record.
 * Thread-safe: callbacks of several threads may report.
 */
public final class RateLimitedLog {

  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  /** Logs to {@code log} at most once per {@code intervalSeconds}. */
  public RateLimitedLog(Logger log, long intervalSeconds) {
    this.log = log;
    this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
  }

  /** Logs a warning unless a line was logged within the interval; {@code failure} may be null. */
  public void warn(String message, Throwable failure) {
    String text = admit(message);
    if (text == null) {
      return;
    }
    if (failure == null) {
      log.warn(text);
    } else {
      log.warn(text, failure);
    }
  }

  /** Logs an error unless a line was logged within the interval. */
  public void error(String message) {
    String text = admit(message);
    if (text != null) {
      log.error(text);
    }
  }

  /** The line to log now, or null when the interval has not passed. */
  private String admit(String message) {
    long now = System.nanoTime();
    long allowed = nextAllowed.get();
    if ((allowed != Long.MIN_VALUE && now - allowed < 0)
        || !nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
      suppressed.incrementAndGet();
      return null;
    }
    long skipped = suppressed.getAndSet(0);
    return skipped == 0 ? message : message + " (" + skipped + " similar lines not logged)";
  }
}
