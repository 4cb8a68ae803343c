package io.pipelens.agent.process.parse;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Turns local date-times (a timestamp without an offset) into epoch seconds in one zone. A fixed
 * offset is one addition; for a region the offset of the last local hour is remembered, because log
 * lines come in time order and offsets change only at hour boundaries in practice.
 */
final class LocalZone {

  private static final LocalZone UTC = new LocalZone(ZoneOffset.UTC);

  private final ZoneRules rules;
  private final int fixedOffsetSeconds;
  private final boolean fixed;
  // One immutable object, so a racing reader sees a consistent hour and offset.
  private HourOffset last = new HourOffset(Long.MIN_VALUE, 0);

  private LocalZone(ZoneId zone) {
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    this.fixedOffsetSeconds = fixed ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() : 0;
  }

  static LocalZone of(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC") ? UTC : new LocalZone(zone);
  }

  static LocalZone utc() {
    return UTC;
  }

  /** The epoch second of {@code localEpochSecond} (seconds since 1970-01-01T00:00 local time). */
  long toEpochSecond(long localEpochSecond) {
    if (fixed) {
      return localEpochSecond - fixedOffsetSeconds;
    }
    long hour = Math.floorDiv(localEpochSecond, 3600);
    HourOffset cached = last;
    if (cached.hour != hour) {
      LocalDateTime local = LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC);
      cached = new HourOffset(hour, rules.getOffset(local).getTotalSeconds());
      last = cached;
    }
    return localEpochSecond - cached.offsetSeconds;
  }

  private record HourOffset(long hour, int offsetSeconds) {}
}
