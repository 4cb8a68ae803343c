package io.pipelens.runtime.ops;

import io.pipelens.core.config.Checks;

/**
 * Where a component's operations HTTP server listens; the {@code http} section of its
 * configuration.
 *
 * <p>Each component has its own default port, which a record cannot know, so {@code port} stays
 * null when the configuration leaves it out and is resolved with {@link #portOr(int)} or
 * {@link #withDefaultPort(int)}.
 *
 * @param host the address to bind; defaults to {@value #DEFAULT_HOST}, every interface, as a pod
 *     needs for Prometheus and the kubelet's probes to reach it
 * @param port the TCP port, 0 to 65535; 0 binds an ephemeral port; null means the component's
 *     default
 */
public record HttpConfig(String host, Integer port) {

  /** The default bind address: every interface. */
  public static final String DEFAULT_HOST = "0.0.0.0";

  public HttpConfig {
    if (host == null) {
      host = DEFAULT_HOST;
    }
    Checks.require(!host.isBlank(), "host", host, "must not be blank");
    Checks.inRange("port", port, 0, 65535);
  }

  /** The defaults for a component whose operations port is {@code componentDefaultPort}. */
  public static HttpConfig defaults(int componentDefaultPort) {
    return new HttpConfig(DEFAULT_HOST, componentDefaultPort);
  }

  /** The configured port, or {@code componentDefaultPort} when none was configured. */
  public int portOr(int componentDefaultPort) {
    return port != null ? port : componentDefaultPort;
  }

  /** This configuration with its port resolved, for logging the effective configuration. */
  public HttpConfig withDefaultPort(int componentDefaultPort) {
    return port != null ? this : new HttpConfig(host, componentDefaultPort);
  }
}
