/**
 * The OTLP/HTTP receiver, for sidecar agents on serverless pods and OpenTelemetry SDKs: {@code POST
 * /v1/logs} with protobuf or JSON, gzip allowed, bearer-token authentication (the token names the
 * team). OTLP/gRPC on 4317 is not served yet.
 *
 * <p>Metrics:
 *
 * <ul>
 *   <li>{@code pipelens_collector_received_records_total{source="otlp",compute_type,team,priority}}
 *       and {@code pipelens_collector_error_records_total{...}}: records decoded, all and ERROR+;
 *   <li>{@code pipelens_collector_otlp_requests_total{code,compute_type="serverless"}}: requests by response status.
 * </ul>
 */
package io.pipelens.collector.source.otlp;
