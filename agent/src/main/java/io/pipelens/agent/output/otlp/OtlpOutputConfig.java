package io.pipelens.agent.output.otlp;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.config.InvalidValueException;
import io.pipelens.core.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code otlp} output: OTLP/HTTP with protobuf bodies to a pipelens collector or any
 * OpenTelemetry Collector, for sidecars that cannot reach Kafka.
 *
 * @param endpoint the full URL requests are POSTed to, such as {@code
 *     http://collector:4318/v1/logs}; {@code http} or {@code https}; required
 * @param token sent as {@code Authorization: Bearer <token>}; none by default (an empty value, as
 *     {@code ${TOKEN:-}} gives, also means none)
 * @param compression {@code gzip} (default) or {@code none}
 * @param timeout how long one request may take, from connecting to the last byte of the answer;
 *     10s by default
 * @param maxBatchSize the largest request body before compression; a batch above it is split into
 *     several requests; 4MiB by default
 * @param retry the backoff between attempts
 * @param tls how to verify an {@code https} endpoint; the JVM's trust store by default
 * @param headers more request headers, such as a tenant id
 * @param maxPending encoded bytes accepted and not yet acknowledged; {@code send} blocks beyond it;
 *     16MiB by default
 */
public record OtlpOutputConfig(
    String endpoint,
    Secret token,
    String compression,
    Duration timeout,
    DataSize maxBatchSize,
    Retry retry,
    Tls tls,
    Map<String, String> headers,
    DataSize maxPending) {

  // Set by the output itself, or refused by java.net.http.
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "content-type", "content-encoding", "content-length", "host", "connection", "expect",
          "upgrade", "transfer-encoding");

  public OtlpOutputConfig {
    Checks.required("endpoint", endpoint);
    URI uri = parseEndpoint(endpoint);
    compression = compression != null ? compression : "gzip";
    Checks.oneOf("compression", compression, "gzip", "none");
    timeout = timeout != null ? timeout : Duration.ofSeconds(10);
    Checks.positive("timeout", timeout);
    maxBatchSize = maxBatchSize != null ? maxBatchSize : DataSize.ofMebibytes(4);
    Checks.require(
        maxBatchSize.bytes() >= 1024 && maxBatchSize.bytes() <= Integer.MAX_VALUE,
        "max_batch_size", maxBatchSize, "must be between 1KiB and 2GiB");
    retry = retry != null ? retry : new Retry(null, null);
    tls = tls != null ? tls : new Tls(null, null);
    Checks.require(
        uri.getScheme().equals("https") || (tls.caFile() == null && !tls.insecureSkipVerify()),
        "tls",
        "is set but endpoint " + endpoint + " is not https");
    headers = headers != null ? Map.copyOf(headers) : Map.of();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String lower = header.getKey().toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.contains(lower)) {
        throw new InvalidValueException(
            "headers." + header.getKey(), "may not be set: the output sets it itself");
      }
      if (lower.equals("authorization") && token != null && !token.isEmpty()) {
        throw new InvalidValueException(
            "headers." + header.getKey(), "conflicts with token: set one or the other");
      }
      Checks.require(
          header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"),
          "headers." + header.getKey(), "is not a valid HTTP header name");
      Checks.require(
          header.getValue() != null && header.getValue().chars().noneMatch(c -> c == '\r' || c == '\n'),
          "headers." + header.getKey(), "must be a single-line value");
      Checks.require(Checks.isHttpHeaderValue(header.getValue()),
          "headers." + header.getKey(), "must not contain control characters or characters beyond U+00FF");
    }
    // Checked here, not met by the worker when it builds its first request: the HTTP client's
    // refusal would end the worker and quote the token in its message.
    Checks.require(token == null || Checks.isHttpHeaderValue(token.value()),
        "token", "must not contain control characters (such as a trailing newline) or characters beyond U+00FF");
    maxPending = maxPending != null ? maxPending : DataSize.ofMebibytes(16);
    Checks.require(maxPending.bytes() > 0, "max_pending", maxPending, "must be greater than 0");
  }

  /** The endpoint as a URI. */
  public URI endpointUri() {
    return URI.create(endpoint);
  }

  /** Whether a bearer token is configured. */
  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  private static URI parseEndpoint(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new InvalidValueException("endpoint", endpoint, "is not a URL: " + e.getReason());
    }
    Checks.require(
        uri.getScheme() != null
            && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
            && uri.getHost() != null,
        "endpoint",
        endpoint,
        "must be an http or https URL with a host, such as http://collector:4318/v1/logs");
    return uri;
  }

  /**
   * The wait between attempts: exponential from {@code initial_backoff} to {@code max_backoff},
   * with full jitter. A {@code Retry-After} header on a 429 or 503 answer replaces it. Retries never
   * stop; see {@link OtlpOutput} for what is retried.
   *
   * @param initialBackoff the largest first wait; 500ms by default
   * @param maxBackoff the largest wait; 30s by default
   */
  public record Retry(Duration initialBackoff, Duration maxBackoff) {
    public Retry {
      initialBackoff = initialBackoff != null ? initialBackoff : Duration.ofMillis(500);
      Checks.positive("initial_backoff", initialBackoff);
      maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofSeconds(30);
      Checks.require(
          maxBackoff.compareTo(initialBackoff) >= 0,
          "max_backoff", maxBackoff, "must be at least initial_backoff (" + initialBackoff + ")");
    }
  }

  /**
   * How to verify an {@code https} endpoint.
   *
   * @param caFile PEM certificates to trust instead of the JVM's trust store
   * @param insecureSkipVerify trust any certificate and host name; for tests only
   */
  public record Tls(Path caFile, Boolean insecureSkipVerify) {
    public Tls {
      insecureSkipVerify = insecureSkipVerify != null ? insecureSkipVerify : false;
      Checks.require(
          !(insecureSkipVerify && caFile != null),
          "insecure_skip_verify",
          "contradicts ca_file: either verify the endpoint against ca_file or skip verification");
    }
  }
}
