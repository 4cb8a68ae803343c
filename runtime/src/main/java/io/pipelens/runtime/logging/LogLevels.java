package io.pipelens.runtime.logging;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Locale;

/**
 * Parses level names strictly. Logback's own {@code Level.toLevel} turns an unknown name into
 * DEBUG without a word, which would flood the logs because of a typo.
 */
final class LogLevels {

  static final List<String> ALLOWED_NAMES = List.of("trace", "debug", "info", "warn", "error", "off");
  static final String ALLOWED = String.join(", ", ALLOWED_NAMES);

  private LogLevels() {}

  /** Whether {@code normalized}, trimmed and in lower case, names a level. */
  static boolean isValid(String normalized) {
    return ALLOWED_NAMES.contains(normalized);
  }

  static Level parse(String name) {
    String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (normalized) {
      case "trace" -> Level.TRACE;
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "warn" -> Level.WARN;
      case "error" -> Level.ERROR;
      case "off" -> Level.OFF;
      default -> throw new IllegalArgumentException("Invalid value "
          + (name == null ? "null" : "\"" + name + "\"") + " for log level: must be one of " + ALLOWED);
    };
  }
}
