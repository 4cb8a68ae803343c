package io.pipelens.history.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The values of the {@code status} parameter of {@code /applications}, matched ignoring case.
 * Spark knows {@code completed} and {@code running}; {@code abandoned} is this server's: attempts
 * without an end event whose log stopped growing, which {@code running} no longer lists.
 */
enum ApplicationStatus {
  COMPLETED,
  RUNNING,
  ABANDONED;

  static Optional<ApplicationStatus> parse(String text) {
    for (ApplicationStatus status : values()) {
      if (status.name().equals(text.toUpperCase(Locale.ROOT))) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
