package io.pipelens.core.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Validation helpers for the compact constructors of configuration records. Each throws an
 * {@link InvalidValueException} naming a key relative to the record; {@link ConfigLoader} reports it
 * at the record's own path, so a record nested anywhere writes
 * <pre>
 * public KafkaConfig {
 *   Checks.oneOf("acks", acks, "all", "0", "1");
 *   Checks.inRange("retries", retries, 0, 100);
 * }
 * </pre>
 * and the user reads {@code agent.yaml: outputs[1].kafka.acks: invalid value "2": must be one of all, 0, 1}.
 *
 * <p>Call them after applying defaults, so a default that breaks a rule is caught in tests.
 */
public final class Checks {

  private Checks() {}

  /**
   * Fails unless {@code condition} holds.
   *
   * <p>The message shows the value from the configuration file when {@code key} is one of the
   * record's own keys; pass the value explicitly with {@link #require(boolean, String, Object, String)}
   * when it matters how it looks after parsing.
   *
   * @param key the key the rule is about, relative to the record
   * @param reason the rule, such as {@code must be between 0 and 65535}
   */
  public static void require(boolean condition, String key, String reason) {
    if (!condition) {
      throw new InvalidValueException(key, reason);
    }
  }

  /** Fails unless {@code condition} holds; the message shows {@code value}, a Secret as {@code [hidden]}. */
  public static void require(boolean condition, String key, Object value, String reason) {
    if (!condition) {
      throw new InvalidValueException(key, value, reason);
    }
  }

  /**
   * Whether java.net.http accepts {@code value} as a header value: no control character but tab,
   * nothing beyond U+00FF. Worth checking at load: the client refuses it only at the first
   * request, quoting the value (a token, say) in its message.
   */
  public static boolean isHttpHeaderValue(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff));
  }

  /** Fails when a key without a default was left out or set to null. */
  public static void required(String key, Object value) {
    if (value == null) {
      throw new InvalidValueException(key, "missing required key");
    }
  }

  /** Fails unless {@code min <= value <= max}; a null value passes, so apply defaults first. */
  public static void inRange(String key, Long value, long min, long max) {
    if (value != null && (value < min || value > max)) {
      throw new InvalidValueException(key, value, "must be between " + min + " and " + max);
    }
  }

  /** Fails unless {@code min <= value <= max}; a null value passes, so apply defaults first. */
  public static void inRange(String key, Integer value, int min, int max) {
    inRange(key, value == null ? null : value.longValue(), min, max);
  }

  /** Fails unless {@code value} is one of {@code allowed} (exact match); a null value passes. */
  public static void oneOf(String key, String value, String... allowed) {
    if (value != null && !List.of(allowed).contains(value)) {
      throw new InvalidValueException(key, value, "must be one of " + String.join(", ", allowed));
    }
  }

  /** Fails when a list is missing or empty. */
  public static void notEmpty(String key, Collection<?> value) {
    required(key, value);
    if (value.isEmpty()) {
      throw new InvalidValueException(key, "must not be empty");
    }
  }

  /** Fails unless a duration is greater than zero; a null value passes. */
  public static void positive(String key, Duration value) {
    if (value != null && (value.isZero() || value.isNegative())) {
      throw new InvalidValueException(key, value, "must be greater than 0");
    }
  }
}
