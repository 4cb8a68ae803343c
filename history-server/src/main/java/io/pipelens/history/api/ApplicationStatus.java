package io.pipelens.history.api;

import java.util.Locale;
import java.util.Optional;

/** The values of the {@code status} parameter of {@code /applications}, matched ignoring case. */
enum ApplicationStatus {
  COMPLETED,
  RUNNING;

  static Optional<ApplicationStatus> parse(String text) {
    for (ApplicationStatus status : values()) {
      if (status.name().equals(text.toUpperCase(Locale.ROOT))) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
