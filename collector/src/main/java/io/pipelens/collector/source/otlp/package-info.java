/**
 * The OTLP receivers, for sidecar agents on serverless pods and OpenTelemetry SDKs: OTLP/HTTP
 * ({@code POST /v1/logs} with protobuf or JSON) and OTLP/gRPC ({@code LogsService/Export}), gzip
 * allowed, bearer-token authentication (the token names the team), TLS when configured.
 *
 * <p>Metrics:
 *
 * <ul>
 *   <li>{@code pipelens_collector_received_records_total{source="otlp",compute_type,team,priority}}
 *       and {@code pipelens_collector_error_records_total{...}}: records decoded, all and ERROR+;
 *   <li>{@code pipelens_collector_otlp_requests_total{code,compute_type="serverless"}}: HTTP requests by response status;
 *   <li>{@code pipelens_collector_otlp_grpc_requests_total{code,compute_type="serverless"}}: gRPC calls by status code.
 * </ul>
 */
package io.pipelens.collector.source.otlp;
