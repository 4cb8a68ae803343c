package io.pipelens.core.config;

/**
 * A configuration value that was read but is not acceptable, thrown by {@link Checks} in a config
 * record's compact constructor and by the parsers of value types such as {@link DataSize}.
 *
 * <p>{@link ConfigLoader} catches it while binding and reports it at the path of the record being
 * built followed by {@link #key()}, so records only name their own keys. Outside the loader its
 * message reads {@code <key>: invalid value <value>: <reason>}.
 */
public final class InvalidValueException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object value;
  private final boolean hasValue;
  private final String reason;

  /**
   * @param key the offending key relative to the record being built, such as {@code port} or
   *     {@code kafka.acks}; null when the problem is the value being parsed itself
   * @param value the offending value; rendered as it would be written in YAML, a {@link Secret} as
   *     {@code [hidden]}
   * @param reason the rule that was broken, such as {@code must be between 0 and 65535}
   */
  public InvalidValueException(String key, Object value, String reason) {
    this(key, value, true, reason);
  }

  /**
   * A rule that is not about one value, such as a combination of keys.
   *
   * @param key the key to report the problem at, relative to the record being built
   * @param reason the rule that was broken, such as {@code must be set when tls is enabled}
   */
  public InvalidValueException(String key, String reason) {
    this(key, null, false, reason);
  }

  private InvalidValueException(String key, Object value, boolean hasValue, String reason) {
    super(message(key, detail(value, hasValue, reason)));
    this.key = key;
    this.value = value;
    this.hasValue = hasValue;
    this.reason = reason;
  }

  private static String message(String key, String detail) {
    return key == null || key.isEmpty() ? detail : key + ": " + detail;
  }

  private static String detail(Object value, boolean hasValue, String reason) {
    return hasValue ? "invalid value " + Values.render(value) + ": " + reason : reason;
  }

  /** The offending key relative to the record being built, or null for the value being parsed. */
  public String key() {
    return key;
  }

  /** The offending value; null also when there is none, see {@link #hasValue()}. */
  public Object value() {
    return value;
  }

  /** Whether the problem is about one value, which the message then shows. */
  public boolean hasValue() {
    return hasValue;
  }

  /** The rule that was broken. */
  public String reason() {
    return reason;
  }

  /** {@code invalid value <value>: <reason>}, or the reason alone when there is no value. */
  String detail() {
    return detail(value, hasValue, reason);
  }
}
