package io.pipelens.collector.source.otlp;

import io.pipelens.core.config.Checks;
import io.pipelens.runtime.ops.HttpConfig;

/**
 * The {@code otlp.grpc} section: where OTLP/gRPC ({@code LogsService/Export}, {@code
 * MetricsService/Export}) listens. Served by default wherever {@code otlp} is configured, as
 * OpenTelemetry clients expect port {@value OtlpReceiverConfig#DEFAULT_GRPC_PORT}.
 *
 * @param enabled false to serve no OTLP/gRPC; true by default
 * @param host the address to bind; {@value HttpConfig#DEFAULT_HOST} by default
 * @param port the TCP port; {@value OtlpReceiverConfig#DEFAULT_GRPC_PORT} by default, 0 for an
 *     ephemeral one
 */
public record OtlpGrpcConfig(Boolean enabled, String host, Integer port) {

  public OtlpGrpcConfig {
    enabled = enabled == null || enabled;
    host = host == null ? HttpConfig.DEFAULT_HOST : host;
    Checks.require(!host.isBlank(), "host", host, "must not be blank");
    port = port == null ? OtlpReceiverConfig.DEFAULT_GRPC_PORT : port;
    Checks.inRange("port", port, 0, 65535);
  }

  /** The defaults: served on every interface, port {@value OtlpReceiverConfig#DEFAULT_GRPC_PORT}. */
  public static OtlpGrpcConfig defaults() {
    return new OtlpGrpcConfig(true, null, null);
  }
}
