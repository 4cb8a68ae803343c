package io.pipelens.collector.prometheus;

import io.pipelens.core.config.Checks;
import java.time.Duration;
import java.util.List;

/**
 * The {@code otlp.metrics} section: how OTLP metrics are re-exposed on {@code /metrics}.
 *
 * @param resourceLabels the resource attributes that become labels (dots become underscores);
 *     others are left out, so a per-process attribute cannot multiply the series. {@link
 *     #DEFAULT_RESOURCE_LABELS} by default
 * @param maxSeries the most series held at once; the points of a new series beyond it are dropped
 *     and counted; 10000 by default
 * @param seriesTtl a series not updated for this long is no longer exposed (its pod is gone); 5m
 *     by default
 */
public record OtlpMetricsConfig(List<String> resourceLabels, Integer maxSeries, Duration seriesTtl) {

  /** The resource attributes kept as labels unless {@code resource_labels} says otherwise. */
  public static final List<String> DEFAULT_RESOURCE_LABELS = List.of(
      "service.name", "service.namespace", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name",
      "k8s.node.name", "spark.app.id", "spark.app.name", "ray.cluster.name", "ray.job.id");

  public OtlpMetricsConfig {
    resourceLabels = resourceLabels == null ? DEFAULT_RESOURCE_LABELS : List.copyOf(resourceLabels);
    for (String label : resourceLabels) {
      Checks.require(!label.isBlank(), "resource_labels", "must not hold a blank name");
    }
    maxSeries = maxSeries == null ? 10_000 : maxSeries;
    Checks.inRange("max_series", maxSeries, 1, 1_000_000);
    seriesTtl = seriesTtl == null ? Duration.ofMinutes(5) : seriesTtl;
    Checks.positive("series_ttl", seriesTtl);
  }

  /** Every key at its default. */
  public static OtlpMetricsConfig defaults() {
    return new OtlpMetricsConfig(null, null, null);
  }
}
