package io.pipelens.agent.source;

/**
 * Parses the timestamps container runtimes write ({@code 2024-05-01T10:15:02.113456789Z}, or with
 * a {@code +02:00} offset) straight from bytes, without allocating.
 */
final class Rfc3339 {

  /** What {@link #parseNanos} returns for text that is not an RFC 3339 timestamp. */
  static final long INVALID = Long.MIN_VALUE;

  private Rfc3339() {}

  /** Nanoseconds since the Unix epoch of the timestamp in {@code bytes[from, to)}, or {@link #INVALID}. */
  static long parseNanos(byte[] bytes, int from, int to) {
    if (to - from < 20) {
      return INVALID;
    }
    int year = digits(bytes, from, 4);
    int month = digits(bytes, from + 5, 2);
    int day = digits(bytes, from + 8, 2);
    int hour = digits(bytes, from + 11, 2);
    int minute = digits(bytes, from + 14, 2);
    int second = digits(bytes, from + 17, 2);
    byte t = bytes[from + 10];
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 60
        || bytes[from + 4] != '-' || bytes[from + 7] != '-' || (t != 'T' && t != 't' && t != ' ')
        || bytes[from + 13] != ':' || bytes[from + 16] != ':') {
      return INVALID;
    }
    int i = from + 19;
    long fraction = 0;
    if (bytes[i] == '.') {
      i++;
      int digits = 0;
      while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
        if (digits < 9) {
          fraction = fraction * 10 + (bytes[i] - '0');
          digits++;
        }
        i++;
      }
      if (digits == 0) {
        return INVALID;
      }
      for (; digits < 9; digits++) {
        fraction *= 10;
      }
    }
    if (i >= to) {
      return INVALID;
    }
    int offsetSeconds;
    byte zone = bytes[i];
    if (zone == 'Z' || zone == 'z') {
      offsetSeconds = 0;
      i++;
    } else if ((zone == '+' || zone == '-') && i + 6 <= to && bytes[i + 3] == ':') {
      int offsetHours = digits(bytes, i + 1, 2);
      int offsetMinutes = digits(bytes, i + 4, 2);
      if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
        return INVALID;
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == '-' ? -1 : 1);
      i += 6;
    } else {
      return INVALID;
    }
    if (i != to) {
      return INVALID;
    }
    long epochSeconds =
        daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
            - offsetSeconds;
    return epochSeconds * 1_000_000_000L + fraction;
  }

  // Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }

  private static int digits(byte[] bytes, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
