/**
 * OTLP metrics re-exposed in the Prometheus format on the collector's own {@code /metrics}, so
 * Prometheus scrapes one place for serverless pods, where it cannot reach the pods themselves.
 *
 * <p>{@link io.pipelens.collector.prometheus.OtlpSeriesStore} keeps the last value of each series
 * (name and labels), bounded by {@code otlp.metrics.max_series} and forgotten after {@code
 * series_ttl} without an update; {@link io.pipelens.collector.prometheus.OtlpMetricsCollector}
 * hands them to the Prometheus registry at every scrape. Labels are the data point's attributes,
 * the resource attributes listed in {@code resource_labels}, and {@code team} (the token's) and
 * {@code compute_type} ({@code serverless}, or the resource's {@code pipelens.compute.type}).
 *
 * <p>Metrics: {@code pipelens_collector_otlp_metric_points_total{result}} ({@code accepted}, or
 * why dropped: {@code series_limit}, {@code name_conflict}, {@code type_conflict}, {@code
 * unsupported_type}) and {@code pipelens_collector_otlp_metric_series} (series held).
 */
package io.pipelens.collector.prometheus;
