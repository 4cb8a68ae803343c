package io.pipelens.agent.output.otlp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header (RFC 9110, section 10.2.3): a number of seconds or an HTTP date.
 * Waits are capped at {@link #MAX}, so a misconfigured proxy that says "come back tomorrow" does not
 * stall the agent for a day.
 */
final class RetryAfter {

  /** The longest wait honoured. */
  static final Duration MAX = Duration.ofMinutes(5);

  private RetryAfter() {}

  /** The wait {@code value} asks for at {@code now}; empty when absent or unreadable. */
  static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(cap(Duration.ofSeconds(Long.parseLong(text))));
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.of(MAX);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : cap(wait));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration cap(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
