package io.pipelens.agent.remote;

import io.pipelens.agent.output.otlp.OtlpOutputConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code remote_config} section: where the agent gets its collection configuration.
 *
 * @param url the collector's {@code /v1/agent-config}, {@code http} or {@code https}; required
 * @param token sent as {@code Authorization: Bearer}; required, one of the collector's OTLP tokens
 * @param pollInterval how often the collector is asked; 30s by default
 * @param timeout per request; 10s by default
 * @param namespace the namespace sent for selection; {@code $POD_NAMESPACE} by default (a sidecar's
 *     pod); none for a DaemonSet agent
 * @param podLabels the pod labels sent for selection (a sidecar's own pod's); none by default
 * @param tls {@code ca_file} and {@code insecure_skip_verify}, as for the OTLP output
 */
public record RemoteConfigConfig(
    String url,
    Secret token,
    Duration pollInterval,
    Duration timeout,
    String namespace,
    Map<String, String> podLabels,
    OtlpOutputConfig.Tls tls) {

  public RemoteConfigConfig {
    Checks.required("url", url);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new io.pipelens.core.config.InvalidValueException("url", url, "is not a URL: " + e.getMessage());
    }
    Checks.require("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()), "url", url,
        "must be an http:// or https:// URL");
    Checks.require(uri.getHost() != null, "url", url, "must name a host");
    Checks.required("token", token);
    Checks.require(!token.isEmpty(), "token", "must not be empty");
    Checks.require(Checks.isHttpHeaderValue(token.value()), "token",
        "must not contain control characters (such as a trailing newline) or characters beyond U+00FF");
    pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
    Checks.require(pollInterval.compareTo(Duration.ofMillis(100)) >= 0, "poll_interval", pollInterval,
        "must be at least 100ms");
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    Checks.positive("timeout", timeout);
    podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
    tls = tls == null ? new OtlpOutputConfig.Tls(null, null) : tls;
  }
}
