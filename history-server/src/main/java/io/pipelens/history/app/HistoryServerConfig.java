package io.pipelens.history.app;

import io.pipelens.core.config.Checks;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.logging.LoggingConfig;
import io.pipelens.runtime.ops.HttpConfig;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The history server's configuration file, {@code pipelens history-server --config FILE}.
 *
 * <pre>{@code
 * log_directories:
 *   - file:///var/log/spark-events
 * scan_interval: 10s
 * http:
 *   host: 0.0.0.0
 *   port: 18080
 * }</pre>
 *
 * @param logDirectories where Spark writes event logs ({@code spark.eventLog.dir}): {@code file:}
 *     URIs or plain paths, at least one; object stores come later
 * @param scanInterval the pause between two scans of the directories; {@value
 *     #DEFAULT_SCAN_INTERVAL_SECONDS}s by default, like Spark's {@code
 *     spark.history.fs.update.interval}
 * @param http where the REST API ({@code /api/v1}) and {@code /metrics}, {@code /healthz}, {@code
 *     /readyz} listen; port {@value #DEFAULT_PORT} by default, Spark's history server port
 * @param logging log format and level
 * @param shutdownTimeout how long a SIGTERM may take; 5s by default
 */
public record HistoryServerConfig(
    List<URI> logDirectories,
    Duration scanInterval,
    HttpConfig http,
    LoggingConfig logging,
    Duration shutdownTimeout)
    implements ComponentConfig {

  /** The history server's port, the same as Spark's ({@code spark.history.ui.port}). */
  public static final int DEFAULT_PORT = 18080;

  /** Seconds between scans when {@code scan_interval} is not set. */
  public static final int DEFAULT_SCAN_INTERVAL_SECONDS = 10;

  /** Applies defaults and checks every key. */
  public HistoryServerConfig {
    Checks.notEmpty("log_directories", logDirectories);
    for (URI directory : logDirectories) {
      Checks.required("log_directories", directory);
      Checks.require(
          directory.getScheme() == null || directory.getScheme().equalsIgnoreCase("file"),
          "log_directories",
          directory.toString(),
          "only file: URIs and plain paths are supported");
      Checks.require(
          isUsableLocation(directory),
          "log_directories",
          directory.toString(),
          "a file: URI needs an absolute path and no host, such as file:///var/log/spark-events");
    }
    logDirectories = List.copyOf(logDirectories);
    scanInterval =
        scanInterval == null ? Duration.ofSeconds(DEFAULT_SCAN_INTERVAL_SECONDS) : scanInterval;
    Checks.positive("scan_interval", scanInterval);
    http = http == null ? HttpConfig.defaults(DEFAULT_PORT) : http.withDefaultPort(DEFAULT_PORT);
    logging = logging == null ? LoggingConfig.defaults() : logging;
    shutdownTimeout = ComponentConfig.shutdownTimeoutOrDefault(shutdownTimeout);
  }

  private static boolean isUsableLocation(URI directory) {
    if (directory.getScheme() == null) {
      return directory.getPath() != null && !directory.getPath().isEmpty();
    }
    try {
      Path.of(directory);
      return true;
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return false;
    }
  }

  /** A configuration listing {@code logDirectories} with every other key at its default. */
  public static HistoryServerConfig of(List<URI> logDirectories) {
    return new HistoryServerConfig(logDirectories, null, null, null, null);
  }
}
