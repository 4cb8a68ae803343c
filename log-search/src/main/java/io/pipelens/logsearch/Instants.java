package io.pipelens.logsearch;

import java.time.Instant;

/** Epoch nanoseconds, as {@code date_nanos} and the Lucene index keep time. */
final class Instants {

  private Instants() {}

  static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  static Instant of(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
