package io.pipelens.agent.process.parse;

import io.pipelens.core.config.Checks;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an input turns a record's text into fields ({@code inputs[n].parser}). A record that does not
 * parse keeps its whole text as the body and is counted, never dropped.
 *
 * @param type {@code none}, {@code json}, {@code regex}, {@code spark} or {@code ray}; when left out,
 *     the input's preset decides, and without a preset it is {@code none}
 * @param pattern for {@code regex} only, and required there: a Java regular expression matched at
 *     the start of the record, with named groups. {@code time}, {@code level} and {@code message}
 *     fill the timestamp, severity and body (text after the match, such as the lines of a stack
 *     trace, stays in the body); every other group becomes a record attribute of its name. Java
 *     group names are letters and digits only
 * @param timeFormat how timestamps without a known layout are written: {@code iso8601} (the
 *     default), {@code epoch_millis}, {@code epoch_seconds} or a {@link DateTimeFormatter} pattern
 *     such as {@code yyyy-MM-dd HH:mm:ss,SSS}; used by {@code regex} and {@code json}
 * @param timeZone the zone of timestamps that carry no offset, such as Spark's {@code 24/05/01
 *     12:00:01}; a region ({@code Asia/Shanghai}) or an offset ({@code +08:00}); {@code UTC} by
 *     default
 */
public record ParserConfig(ParserType type, String pattern, String timeFormat, String timeZone) {

  /** The {@code time_format} keywords besides formatter patterns. */
  public static final List<String> TIME_FORMAT_KEYWORDS =
      List.of("iso8601", "epoch_millis", "epoch_seconds");

  public ParserConfig {
    timeFormat = timeFormat != null ? timeFormat : "iso8601";
    timeZone = timeZone != null ? timeZone : "UTC";
    if (type == ParserType.REGEX) {
      Checks.required("pattern", pattern);
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        Checks.require(false, "pattern", pattern, "not a valid regular expression: " + e.getDescription());
      }
    } else {
      Checks.require(pattern == null, "pattern", "is only read with type: regex");
    }
    if (!TIME_FORMAT_KEYWORDS.contains(timeFormat)) {
      try {
        DateTimeFormatter.ofPattern(timeFormat);
      } catch (IllegalArgumentException e) {
        Checks.require(false, "time_format", timeFormat,
            "must be iso8601, epoch_millis, epoch_seconds or a java DateTimeFormatter pattern: "
                + e.getMessage());
      }
    }
    try {
      ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      Checks.require(false, "time_zone", timeZone, "not a time zone (such as UTC, Asia/Shanghai or +08:00)");
    }
  }

  /** A parser of {@code type} with the default time settings. */
  public static ParserConfig of(ParserType type) {
    return new ParserConfig(type, null, null, null);
  }

  /** This configuration with {@code type} in place of its own. */
  public ParserConfig withType(ParserType type) {
    return new ParserConfig(type, type == ParserType.REGEX ? pattern : null, timeFormat, timeZone);
  }

  /** {@code time_zone} as a zone. */
  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }
}
