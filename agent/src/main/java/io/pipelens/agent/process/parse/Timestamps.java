package io.pipelens.agent.process.parse;

/**
 * Hand-written readers for the timestamp layouts logs use most, working on the record's text in
 * place: no substring, no {@link java.time.format.DateTimeFormatter}, no exception on bad input.
 */
final class Timestamps {

  /** Returned when text is not a timestamp. */
  static final long INVALID = Long.MIN_VALUE;

  private Timestamps() {}

  /**
   * Reads {@code yyyy-MM-dd[T ]HH:mm:ss[.,fraction][Z|±hh[:mm]]} spanning exactly {@code
   * text[from..to)}, as ISO 8601, RFC 3339 and Python's {@code asctime} ({@code 2024-05-01
   * 12:00:01,123}) write it. Without an offset the time is local to {@code zone}.
   *
   * @return epoch nanoseconds, or {@link #INVALID}
   */
  static long iso(CharSequence text, int from, int to, LocalZone zone) {
    if (to - from < 19
        || text.charAt(from + 4) != '-'
        || text.charAt(from + 7) != '-'
        || (text.charAt(from + 10) != 'T' && text.charAt(from + 10) != ' ' && text.charAt(from + 10) != 't')
        || text.charAt(from + 13) != ':'
        || text.charAt(from + 16) != ':') {
      return INVALID;
    }
    int year = digits(text, from, 4);
    int month = digits(text, from + 5, 2);
    int day = digits(text, from + 8, 2);
    int hour = digits(text, from + 11, 2);
    int minute = digits(text, from + 14, 2);
    int second = digits(text, from + 17, 2);
    long local = localEpochSecond(year, month, day, hour, minute, second);
    if (local == INVALID) {
      return INVALID;
    }
    int i = from + 19;
    long nanos = 0;
    if (i < to && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
      i++;
      int start = i;
      long scale = 100_000_000L;
      while (i < to && isDigit(text.charAt(i))) {
        if (scale > 0) {
          nanos += (text.charAt(i) - '0') * scale;
          scale /= 10;
        }
        i++;
      }
      if (i == start) {
        return INVALID;
      }
    }
    long epochSecond;
    if (i == to) {
      epochSecond = zone.toEpochSecond(local);
    } else {
      char c = text.charAt(i);
      if ((c == 'Z' || c == 'z') && i + 1 == to) {
        epochSecond = local;
      } else if (c == '+' || c == '-') {
        int offset = offsetSeconds(text, i + 1, to);
        if (offset < 0) {
          return INVALID;
        }
        epochSecond = c == '+' ? local - offset : local + offset;
      } else {
        return INVALID;
      }
    }
    return epochSecond * 1_000_000_000L + nanos;
  }

  /**
   * Seconds since 1970-01-01T00:00 of a calendar date and time, without a zone; {@link #INVALID}
   * when a field is out of range.
   */
  static long localEpochSecond(int year, int month, int day, int hour, int minute, int second) {
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59
        || second > 60 || hour < 0 || minute < 0 || second < 0) {
      return INVALID;
    }
    return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + Math.min(second, 59);
  }

  /** Reads {@code count} decimal digits at {@code at}; -1 if one is not a digit. */
  static int digits(CharSequence text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Converts epoch time given as a number into nanoseconds, guessing the unit from its size as
   * JSON loggers write it: seconds (possibly fractional), milliseconds, microseconds or nanoseconds.
   */
  static long epochNanosFromNumber(double value) {
    double magnitude = Math.abs(value);
    if (magnitude < 1e11) {
      return Math.round(value * 1e9);
    } else if (magnitude < 1e14) {
      return Math.round(value * 1e6);
    } else if (magnitude < 1e17) {
      return Math.round(value * 1e3);
    }
    return (long) value;
  }

  // hh, hhmm or hh:mm spanning text[from..to); -1 if not.
  private static int offsetSeconds(CharSequence text, int from, int to) {
    int length = to - from;
    int hours;
    int minutes = 0;
    if (length == 2) {
      hours = digits(text, from, 2);
    } else if (length == 4) {
      hours = digits(text, from, 2);
      minutes = digits(text, from + 2, 2);
    } else if (length == 5 && text.charAt(from + 2) == ':') {
      hours = digits(text, from, 2);
      minutes = digits(text, from + 3, 2);
    } else {
      return -1;
    }
    if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      return -1;
    }
    return hours * 3600 + minutes * 60;
  }

  // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }
}
