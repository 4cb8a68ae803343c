package io.pipelens.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password, token or key from the configuration. {@link #toString()} returns {@code [hidden]}, so
 * the value stays out of logs, error messages and {@link ConfigLoader#describe}; call
 * {@link #value()} only where the value is handed to the client that needs it.
 */
public final class Secret {

  private static final String HIDDEN = "[hidden]";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}, which must not be null. */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** The secret itself. */
  public String value() {
    return value;
  }

  /** Whether the secret is the empty string, as an unset variable with an empty default gives. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** Always {@code [hidden]}. */
  @Override
  public String toString() {
    return HIDDEN;
  }

  // Constant-time, so that comparing a presented token with a configured one leaks nothing
  // through timing.
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
