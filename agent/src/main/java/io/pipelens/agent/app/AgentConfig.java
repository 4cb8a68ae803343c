package io.pipelens.agent;

import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.logging.LoggingConfig;
import io.pipelens.runtime.ops.HttpConfig;
import java.time.Duration;

/**
 * The agent's configuration file, {@code pipelens agent --config FILE}. Every key is documented in
 * the README's configuration reference.
 *
 * @param http where {@code /metrics}, {@code /healthz} and {@code /readyz} listen; port {@value
 *     #DEFAULT_PORT} by default
 * @param logging log format and level
 * @param shutdownTimeout how long a SIGTERM may take to flush and checkpoint; 5s by default
 */
public record AgentConfig(HttpConfig http, LoggingConfig logging, Duration shutdownTimeout)
    implements ComponentConfig {

  /** The agent's operations port. */
  public static final int DEFAULT_PORT = 9400;

  public AgentConfig {
    http = http == null ? HttpConfig.defaults(DEFAULT_PORT) : http.withDefaultPort(DEFAULT_PORT);
    logging = logging == null ? LoggingConfig.defaults() : logging;
    shutdownTimeout = ComponentConfig.shutdownTimeoutOrDefault(shutdownTimeout);
  }
}
