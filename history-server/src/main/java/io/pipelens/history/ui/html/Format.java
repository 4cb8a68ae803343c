package io.pipelens.history.ui.html;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages show times, durations and sizes: UTC, readable, fixed width where it helps. */
public final class Format {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Format() {}

  /** {@code 2015-02-03 16:42:59} (UTC), or an en dash for an unknown time (negative or zero). */
  public static String time(long epochMillis) {
    return epochMillis <= 0 ? "–" : DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** With milliseconds, for log lines and task times. */
  public static String timeMillis(Instant instant) {
    return instant == null ? "–" : TIME_MILLIS.format(instant);
  }

  /** {@code 950 ms}, {@code 4.2 s}, {@code 3.5 min}, {@code 2.1 h}; an en dash when negative. */
  public static String duration(long millis) {
    if (millis < 0) {
      return "–";
    }
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
    }
    if (millis < 3_600_000) {
      return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
    }
    return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000.0);
  }

  /** {@code 0 B}, {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 MiB}, ... */
  public static String bytes(double bytes) {
    if (bytes < 1024) {
      return Math.round(bytes) + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** A count with thousands separators. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
