package io.pipelens.collector.source.otlp;

import io.pipelens.collector.prometheus.OtlpMetricsConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import io.pipelens.runtime.ops.HttpConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code otlp} section: the OTLP/HTTP and OTLP/gRPC receivers sidecar agents and OpenTelemetry
 * SDKs send to.
 *
 * @param http where {@code POST /v1/logs} listens; port {@value #DEFAULT_PORT} by default
 * @param grpc where OTLP/gRPC ({@code LogsService/Export}, {@code MetricsService/Export}) listens:
 *     port {@value #DEFAULT_GRPC_PORT} by default, served unless {@code enabled: false}
 * @param tls the server certificate both receivers present; plain text without it
 * @param tokens the bearer tokens accepted, each with the team it stands for; at least one, since
 *     every request must authenticate
 * @param maxRequestSize the largest request body, compressed or not; 8MiB by default
 * @param maxInFlightBytes request bytes held at once, waiting for the sink; beyond it requests get
 *     429 with Retry-After; 64MiB by default and at least {@code max_request_size}
 * @param ackTimeout how long a request waits for the sink to store its records before it is
 *     answered 503 (the client retries); 30s by default
 * @param metrics how OTLP metrics ({@code /v1/metrics}, {@code MetricsService}) are re-exposed on
 *     {@code /metrics}
 */
public record OtlpReceiverConfig(
    HttpConfig http,
    OtlpGrpcConfig grpc,
    OtlpTlsConfig tls,
    List<OtlpToken> tokens,
    DataSize maxRequestSize,
    DataSize maxInFlightBytes,
    Duration ackTimeout,
    OtlpMetricsConfig metrics) {

  /** The OTLP/HTTP port. */
  public static final int DEFAULT_PORT = 4318;

  /** The OTLP/gRPC port. */
  public static final int DEFAULT_GRPC_PORT = 4317;

  public OtlpReceiverConfig {
    http = http == null ? HttpConfig.defaults(DEFAULT_PORT) : http.withDefaultPort(DEFAULT_PORT);
    grpc = grpc == null ? OtlpGrpcConfig.defaults() : grpc;
    if (grpc.enabled()) {
      Checks.require(grpc.port() == 0 || !grpc.port().equals(http.port()), "grpc.port", grpc.port(),
          "must differ from http.port");
    }
    Checks.notEmpty("tokens", tokens);
    tokens = List.copyOf(tokens);
    Set<String> seen = new HashSet<>();
    for (OtlpToken token : tokens) {
      Checks.require(seen.add(token.token().value()), "tokens", "the same token is listed twice");
    }
    maxRequestSize = maxRequestSize == null ? DataSize.ofMebibytes(8) : maxRequestSize;
    Checks.require(maxRequestSize.bytes() >= 1024 && maxRequestSize.bytes() <= Integer.MAX_VALUE - 8,
        "max_request_size", maxRequestSize, "must be between 1KiB and 2GiB");
    maxInFlightBytes = maxInFlightBytes == null ? DataSize.ofMebibytes(64) : maxInFlightBytes;
    Checks.require(maxInFlightBytes.bytes() >= maxRequestSize.bytes(), "max_in_flight_bytes",
        maxInFlightBytes, "must be at least max_request_size (" + maxRequestSize + ")");
    ackTimeout = ackTimeout == null ? Duration.ofSeconds(30) : ackTimeout;
    Checks.positive("ack_timeout", ackTimeout);
    metrics = metrics == null ? OtlpMetricsConfig.defaults() : metrics;
  }
}
