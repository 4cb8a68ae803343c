package io.pipelens.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in configuration files: a whole number and a unit, such as {@code 500ms},
 * {@code 5s}, {@code 1m}, {@code 2h} or {@code 1d}.
 *
 * <p>A number without a unit is rejected rather than read as seconds or milliseconds: guessing the
 * unit is how a five-second timeout becomes five milliseconds.
 */
public final class Durations {

  /** The accepted units, smallest first. */
  public static final String UNITS = "ns, us, ms, s, m, h, d";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+");

  // Largest first, for format().
  private static final ChronoUnit[] UNITS_BY_SIZE = {
    ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS,
    ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS
  };

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h}, {@code 1d} and the like.
   *
   * @throws InvalidValueException if the text is not a whole, non-negative number followed by one
   *     of the {@link #UNITS}, or the duration does not fit
   */
  public static Duration parse(String text) {
    String trimmed = text.strip();
    Matcher matcher = DURATION.matcher(trimmed);
    if (!matcher.matches()) {
      if (NUMBER.matcher(trimmed).matches()) {
        throw new InvalidValueException(null, text, unitMissing(trimmed));
      }
      throw new InvalidValueException(null, text,
          "must be a whole number followed by a unit (" + UNITS + "), e.g. 500ms or 5s");
    }
    try {
      long amount = Long.parseLong(matcher.group(1));
      return Duration.of(amount, unit(matcher.group(2)));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidValueException(null, text, "too large for a duration");
    }
  }

  /** The reason a plain number is not a duration, suggesting units for {@code number}. */
  static String unitMissing(String number) {
    return "needs a unit, e.g. " + number + "s or " + number + "ms (units: " + UNITS + ")";
  }

  private static ChronoUnit unit(String unit) {
    return switch (unit) {
      case "ns" -> ChronoUnit.NANOS;
      case "us" -> ChronoUnit.MICROS;
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      case "d" -> ChronoUnit.DAYS;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  /**
   * Formats a duration in the largest unit that represents it exactly, so that {@link #parse}
   * gives it back: {@code 90s} stays {@code 90s}, {@code 120s} becomes {@code 2m}.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (duration.isZero()) {
      return "0s";
    }
    for (ChronoUnit unit : UNITS_BY_SIZE) {
      Duration size = unit.getDuration();
      try {
        long amount = duration.dividedBy(size);
        if (size.multipliedBy(amount).equals(duration)) {
          return amount + symbol(unit);
        }
      } catch (ArithmeticException tooManyOfThisUnit) {
        // Only reachable for durations of centuries expressed in small units; try the next one.
      }
    }
    return duration.toString();
  }

  private static String symbol(ChronoUnit unit) {
    return switch (unit) {
      case NANOS -> "ns";
      case MICROS -> "us";
      case MILLIS -> "ms";
      case SECONDS -> "s";
      case MINUTES -> "m";
      case HOURS -> "h";
      case DAYS -> "d";
      default -> throw new IllegalArgumentException(unit.toString());
    };
  }
}
