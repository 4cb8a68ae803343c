package io.pipelens.collector.sink.elasticsearch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval, so an outage or a stream of bad documents writes a
 * line every few seconds rather than one per document; counters carry the totals.
 */
final class RateLimitedLog {

  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  RateLimitedLog(Logger log, Duration interval) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
  }

  void warn(String format, Object... arguments) {
    long now = System.nanoTime();
    long next = nextNanos.get();
    if (now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos)) {
      long skipped = suppressed.getAndSet(0);
      log.warn(skipped == 0 ? format : format + " (and " + skipped + " similar since the last)", arguments);
    } else {
      suppressed.incrementAndGet();
    }
  }
}
