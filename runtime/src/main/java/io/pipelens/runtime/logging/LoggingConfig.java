package io.pipelens.runtime.logging;

import io.pipelens.core.config.Checks;
import java.util.Locale;

/**
 * The {@code logging} section of a component's configuration.
 *
 * @param format {@code text} (default) or {@code json}
 * @param level the root level: trace, debug, info (default), warn, error or off; stored in lower case
 */
public record LoggingConfig(LogFormat format, String level) {

  /** The default format. */
  public static final LogFormat DEFAULT_FORMAT = LogFormat.TEXT;
  /** The default root level. */
  public static final String DEFAULT_LEVEL = "info";

  /** @throws io.pipelens.core.config.InvalidValueException if the level is not one of the allowed names */
  public LoggingConfig {
    if (format == null) {
      format = DEFAULT_FORMAT;
    }
    if (level == null) {
      level = DEFAULT_LEVEL;
    }
    // Checked while loading the configuration, not later when logging is set up.
    String normalized = level.trim().toLowerCase(Locale.ROOT);
    Checks.require(LogLevels.isValid(normalized), "level", level, "must be one of " + LogLevels.ALLOWED);
    level = normalized;
  }

  /** Text at info. */
  public static LoggingConfig defaults() {
    return new LoggingConfig(DEFAULT_FORMAT, DEFAULT_LEVEL);
  }
}
