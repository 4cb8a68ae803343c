package io.pipelens.collector.sink.elasticsearch;

import java.time.Duration;

/** Exponential backoff from {@value #FIRST_MS} ms, doubling up to {@value #MAX_MS} ms. */
final class Backoff {

  static final long FIRST_MS = 100;
  static final long MAX_MS = 5_000;

  private long nextMs = FIRST_MS;

  /** The wait before the next attempt; each call doubles the following one. */
  Duration next() {
    long now = nextMs;
    nextMs = Math.min(MAX_MS, nextMs * 2);
    return Duration.ofMillis(now);
  }

  void reset() {
    nextMs = FIRST_MS;
  }
}
