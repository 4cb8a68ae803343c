package io.pipelens.core.config;

/**
 * A problem found somewhere in a document, before the loader adds the source name and turns it into
 * a {@link ConfigException}. Keeps the parts of the pipeline free of file names.
 */
final class ConfigProblem extends Exception {

  private static final long serialVersionUID = 1L;

  private final String keyPath;
  private final String reason;

  ConfigProblem(KeyPath path, String reason) {
    this(path.render(), reason, null);
  }

  ConfigProblem(String keyPath, String reason, Throwable cause) {
    super(keyPath.isEmpty() ? reason : keyPath + ": " + reason, cause, false, false);
    this.keyPath = keyPath;
    this.reason = reason;
  }

  ConfigException toException(String source) {
    return new ConfigException(source, keyPath, reason, getCause());
  }
}
