package io.pipelens.agent.process.parse;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** How the {@code time} of a regex or JSON record is written: {@code parser.time_format}. */
abstract class TimeFormat {

  /** Parses {@code text} into epoch nanoseconds, or {@link Timestamps#INVALID}. */
  abstract long parse(String text);

  static TimeFormat of(String format, LocalZone zone) {
    switch (format) {
      case "iso8601":
        return new Iso(zone);
      case "epoch_millis":
        return new Epoch(1_000_000L);
      case "epoch_seconds":
        return new Epoch(1_000_000_000L);
      default:
        return new Pattern(DateTimeFormatter.ofPattern(format), zone);
    }
  }

  private static final class Iso extends TimeFormat {
    private final LocalZone zone;

    Iso(LocalZone zone) {
      this.zone = zone;
    }

    @Override
    long parse(String text) {
      return Timestamps.iso(text, 0, text.length(), zone);
    }
  }

  private static final class Epoch extends TimeFormat {
    private final long nanosPerUnit;

    Epoch(long nanosPerUnit) {
      this.nanosPerUnit = nanosPerUnit;
    }

    @Override
    long parse(String text) {
      try {
        return Math.round(Double.parseDouble(text) * nanosPerUnit);
      } catch (NumberFormatException e) {
        return Timestamps.INVALID;
      }
    }
  }

  private static final class Pattern extends TimeFormat {
    private final DateTimeFormatter formatter;
    private final LocalZone zone;

    Pattern(DateTimeFormatter formatter, LocalZone zone) {
      this.formatter = formatter;
      this.zone = zone;
    }

    @Override
    long parse(String text) {
      try {
        TemporalAccessor parsed = formatter.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
        if (parsed instanceof ZonedDateTime zoned) {
          return zoned.toEpochSecond() * 1_000_000_000L + zoned.getNano();
        }
        LocalDateTime local = (LocalDateTime) parsed;
        long epochSecond = zone.toEpochSecond(local.toEpochSecond(ZoneOffset.UTC));
        return epochSecond * 1_000_000_000L + local.getNano();
      } catch (DateTimeParseException e) {
        return Timestamps.INVALID;
      }
    }
  }
}
