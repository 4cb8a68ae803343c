package io.pipelens.core.config;

import java.util.Objects;

/**
 * A configuration file that cannot be used: unreadable, not valid YAML, or holding a key or value
 * the configuration type does not accept.
 *
 * <p>{@link #getMessage()} is always exactly one line, {@code <source>: <key path>: <reason>} (or
 * {@code <source>: <reason>} for problems with the file as a whole), for example
 * <pre>
 * /etc/pipelens/agent.yaml: outputs[1].kafka.acks: invalid value "2": must be one of all, 0, 1
 * </pre>
 * so a launcher can print it to stderr as it is and exit. Line breaks inside the parts are escaped
 * as {@code \n}.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String keyPath;
  private final String reason;

  /**
   * @param source the file or other origin of the configuration, as the user would recognise it
   * @param keyPath where in the document the problem is, such as {@code outputs[1].kafka.acks}; empty
   *     for problems with the document as a whole
   * @param reason what is wrong, and if possible how to fix it
   */
  public ConfigException(String source, String keyPath, String reason) {
    this(source, keyPath, reason, null);
  }

  /** As {@link #ConfigException(String, String, String)}, keeping the low-level cause for debugging. */
  public ConfigException(String source, String keyPath, String reason, Throwable cause) {
    super(format(source, keyPath, reason), cause);
    this.source = Values.oneLine(Objects.requireNonNull(source, "source"));
    this.keyPath = keyPath == null ? "" : Values.oneLine(keyPath);
    this.reason = Values.oneLine(Objects.requireNonNull(reason, "reason"));
  }

  private static String format(String source, String keyPath, String reason) {
    String where = Values.oneLine(Objects.requireNonNull(source, "source"));
    if (keyPath != null && !keyPath.isEmpty()) {
      where += ": " + Values.oneLine(keyPath);
    }
    return where + ": " + Values.oneLine(Objects.requireNonNull(reason, "reason"));
  }

  /** The file or other origin of the configuration. */
  public String source() {
    return source;
  }

  /** Where in the document the problem is, such as {@code outputs[1].kafka.acks}; empty for the document as a whole. */
  public String keyPath() {
    return keyPath;
  }

  /** What is wrong, without the source and key path. */
  public String reason() {
    return reason;
  }
}
