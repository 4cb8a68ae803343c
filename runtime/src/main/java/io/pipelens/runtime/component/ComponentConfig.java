package io.pipelens.runtime.component;

import io.pipelens.core.config.Checks;
import io.pipelens.runtime.logging.LoggingConfig;
import java.time.Duration;

/**
 * What the launcher reads from every component's configuration record. A component's
 * {@code XConfig} record implements it with record components of the same names, so the keys are
 * {@code logging} and {@code shutdown_timeout} in every configuration file.
 */
public interface ComponentConfig {

  /** The {@code shutdown_timeout} when a configuration leaves it out. */
  Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  /** How the component logs; never null. */
  LoggingConfig logging();

  /** How long the component has to stop, flush and checkpoint after SIGTERM; never null or negative. */
  Duration shutdownTimeout();

  /**
   * The {@code shutdown_timeout} a record was given, or {@link #DEFAULT_SHUTDOWN_TIMEOUT} when none.
   *
   * @throws io.pipelens.core.config.InvalidValueException if it is negative
   */
  static Duration shutdownTimeoutOrDefault(Duration configured) {
    if (configured == null) {
      return DEFAULT_SHUTDOWN_TIMEOUT;
    }
    Checks.require(!configured.isNegative(), "shutdown_timeout", configured, "must not be negative");
    return configured;
  }
}
