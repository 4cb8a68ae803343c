package io.pipelens.core.record;

import java.util.Locale;

/**
 * OpenTelemetry's {@code SeverityNumber}: 1..24 in six ranges of four (TRACE, DEBUG, INFO, WARN,
 * ERROR, FATAL), plus {@link #UNSPECIFIED} (0) when the level is unknown. {@link #text()} is the
 * short name the OpenTelemetry log data model gives each number.
 */
public enum Severity {
  UNSPECIFIED(0, ""),
  TRACE(1, "TRACE"),
  TRACE2(2, "TRACE2"),
  TRACE3(3, "TRACE3"),
  TRACE4(4, "TRACE4"),
  DEBUG(5, "DEBUG"),
  DEBUG2(6, "DEBUG2"),
  DEBUG3(7, "DEBUG3"),
  DEBUG4(8, "DEBUG4"),
  INFO(9, "INFO"),
  INFO2(10, "INFO2"),
  INFO3(11, "INFO3"),
  INFO4(12, "INFO4"),
  WARN(13, "WARN"),
  WARN2(14, "WARN2"),
  WARN3(15, "WARN3"),
  WARN4(16, "WARN4"),
  ERROR(17, "ERROR"),
  ERROR2(18, "ERROR2"),
  ERROR3(19, "ERROR3"),
  ERROR4(20, "ERROR4"),
  FATAL(21, "FATAL"),
  FATAL2(22, "FATAL2"),
  FATAL3(23, "FATAL3"),
  FATAL4(24, "FATAL4");

  // Declared in number order, so a number is its own index.
  private static final Severity[] BY_NUMBER = values();

  private final int number;
  private final String text;

  Severity(int number, String text) {
    this.number = number;
    this.text = text;
  }

  /** The OTLP severity number, 0..24. */
  public int number() {
    return number;
  }

  /** The OpenTelemetry short name, such as {@code "WARN"} or {@code "ERROR2"}; empty for 0. */
  public String text() {
    return text;
  }

  /**
   * The severity with this OTLP number.
   *
   * @throws IllegalArgumentException if {@code number} is not 0..24
   */
  public static Severity fromNumber(int number) {
    if (number < 0 || number >= BY_NUMBER.length) {
      throw new IllegalArgumentException("Severity number must be 0..24, got " + number);
    }
    return BY_NUMBER[number];
  }

  /**
   * The severity of a level name as logging libraries write it, ignoring case and surrounding
   * blanks: TRACE, DEBUG, INFO, WARN or WARNING, ERROR, FATAL or CRITICAL (Python); every {@link
   * #text()} of this enum, such as {@code "ERROR2"}; and java.util.logging's levels as the
   * OpenTelemetry log data model maps them (FINEST, FINER, FINE, CONFIG, SEVERE). Anything else,
   * including null and blank, is {@link #UNSPECIFIED}: an unknown level is no reason to drop a
   * record, and the caller keeps the original text as the severity text.
   */
  public static Severity fromText(String level) {
    if (level == null) {
      return UNSPECIFIED;
    }
    String name = level.strip().toUpperCase(Locale.ROOT);
    switch (name) {
      case "TRACE":
      case "FINEST":
        return TRACE;
      case "DEBUG":
      case "FINER":
        return DEBUG;
      case "FINE":
        return DEBUG2;
      case "CONFIG":
        return DEBUG3;
      case "INFO":
        return INFO;
      case "WARN":
      case "WARNING":
        return WARN;
      case "ERROR":
      case "SEVERE":
        return ERROR;
      case "FATAL":
      case "CRITICAL":
        return FATAL;
      case "":
        return UNSPECIFIED;
      default:
        // The numbered names (TRACE2 .. FATAL4) are rare; a scan is enough.
        for (int i = 1; i < BY_NUMBER.length; i++) {
          if (BY_NUMBER[i].text.equals(name)) {
            return BY_NUMBER[i];
          }
        }
        return UNSPECIFIED;
    }
  }
}
