package io.pipelens.launcher.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a Spark event log in time: adds one constant to every epoch-millisecond time field of a
 * line ({@code Timestamp}, {@code Submission Time}, {@code Completion Time}, {@code Launch Time},
 * {@code Finish Time}, {@code Getting Result Time}, {@code time}) and changes nothing else, so the
 * shifted log is Spark's own apart from when it happened. Only values of 11 to 13 digits are moved
 * (a zero {@code Getting Result Time} means "never" and stays zero); ids that embed a time, such as
 * {@code local-1422981780767}, are strings and stay as they are.
 */
public final class EventLogTimeShift {

  private static final Pattern TIME_FIELD = Pattern.compile(
      "\"(Timestamp|Submission Time|Completion Time|Launch Time|Finish Time|Getting Result Time|time)\":(\\d{11,13})(?=[,}\\]])");

  private EventLogTimeShift() {}

  /** {@code line} with {@code deltaMillis} added to each time field. */
  public static String shift(String line, long deltaMillis) {
    if (deltaMillis == 0) {
      return line;
    }
    Matcher matcher = TIME_FIELD.matcher(line);
    StringBuilder out = new StringBuilder(line.length() + 16);
    while (matcher.find()) {
      long shifted = Long.parseLong(matcher.group(2)) + deltaMillis;
      matcher.appendReplacement(out, "\"" + matcher.group(1) + "\":" + shifted);
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
