package io.pipelens.history.api;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TimeZone;

/** Spark's REST date formats: how dates are written, and how date parameters are read. */
final class SparkDates {

  /** Spark's {@code JacksonMessageWriter} format, in GMT: {@code 2015-02-03T16:42:59.720GMT}. */
  private static final DateTimeFormatter OUTPUT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private SparkDates() {}

  /** Formats epoch milliseconds as Spark does: -1 (not ended) is 1969-12-31T23:59:59.999GMT. */
  static String format(long epochMillis) {
    return OUTPUT.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * Parses a date query parameter the way Spark's {@code SimpleDateParam} does: first as {@code
   * yyyy-MM-dd'T'HH:mm:ss.SSSz} (e.g. {@code 2015-02-03T16:42:40.000GMT}), then as a GMT day {@code
   * yyyy-MM-dd}.
   *
   * <p>{@link SimpleDateFormat} is kept on purpose: its leniency (trailing text ignored, fields
   * rolled over) is what Spark clients have been getting. Zone names are read in the US locale
   * rather than the server's default one, so the answer does not depend on the host.
   *
   * @throws ApiException 400 {@code Couldn't parse date: <value>}, Spark's message
   */
  static long parseParameter(String value) {
    SimpleDateFormat withTime = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSz", Locale.US);
    try {
      return withTime.parse(value).getTime();
    } catch (ParseException ignored) {
      // Fall through to the day-only form, like Spark.
    }
    SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd", Locale.US);
    day.setTimeZone(TimeZone.getTimeZone("GMT"));
    try {
      return day.parse(value).getTime();
    } catch (ParseException e) {
      throw ApiException.badRequest("Couldn't parse date: " + value);
    }
  }
}
