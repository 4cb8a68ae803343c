package io.pipelens.collector.prometheus;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the {@link OtlpSeriesStore}'s series to the Prometheus registry behind {@code /metrics},
 * one family per name, next to the collector's own meters. A family that cannot be written (a
 * name the registry refuses) is left out and logged, never failing the scrape.
 */
public final class OtlpMetricsCollector implements MultiCollector {

  private static final Logger log = LoggerFactory.getLogger(OtlpMetricsCollector.class);
  private static final long OWN_NAMES_REFRESH_NANOS = 10_000_000_000L;
  private static final String OWN_PREFIX = "pipelens_";

  private final OtlpSeriesStore store;
  private final PrometheusMeterRegistry registry;
  private volatile Set<String> ownNames = Set.of();
  private volatile long ownNamesAt = Long.MIN_VALUE / 2;

  private OtlpMetricsCollector(OtlpSeriesStore store, PrometheusMeterRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  /** Registers {@code store}'s series with {@code registry}'s scrape. */
  public static void register(OtlpSeriesStore store, PrometheusMeterRegistry registry) {
    OtlpMetricsCollector collector = new OtlpMetricsCollector(store, registry);
    store.ownNames(collector::isOwnName);
    registry.getPrometheusRegistry().register(collector);
  }

  @Override
  public MetricSnapshots collect() {
    refreshOwnNames(true);
    Map<String, List<OtlpSeriesStore.Series>> families = new LinkedHashMap<>();
    for (OtlpSeriesStore.Series s : store.current()) {
      if (!isOwnName(s.name)) {
        families.computeIfAbsent(s.name, name -> new ArrayList<>()).add(s);
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
    for (List<OtlpSeriesStore.Series> family : families.values()) {
      try {
        snapshots.add(snapshot(family));
      } catch (RuntimeException e) {
        log.warn("OTLP metric {} is left out of /metrics: {}", family.get(0).name, e.getMessage());
      }
    }
    return new MetricSnapshots(snapshots);
  }

  // pipelens_ is the collector's own prefix, reserved as a whole: its meters appear as they are
  // first used, so a name free now may be taken later.
  private boolean isOwnName(String name) {
    if (name.startsWith(OWN_PREFIX)) {
      return true;
    }
    refreshOwnNames(false);
    return ownNames.contains(name);
  }

  // The registry's meters are listed at most every 10 s on the request path, at every scrape.
  private void refreshOwnNames(boolean always) {
    long now = System.nanoTime();
    if (!always && now - ownNamesAt < OWN_NAMES_REFRESH_NANOS) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      String name = registry.config().namingConvention().name(id.getName(), id.getType(), id.getBaseUnit());
      names.add(PrometheusNames.metric(name, ""));
      names.add(PrometheusNames.metric(name + "_max", ""));
    }
    ownNames = Set.copyOf(names);
    ownNamesAt = now;
  }

  private static MetricSnapshot snapshot(List<OtlpSeriesStore.Series> family) {
    OtlpSeriesStore.Series first = family.get(0);
    String help = first.help == null || first.help.isEmpty() ? null : first.help;
    switch (first.kind) {
      case COUNTER -> {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(first.name).help(help);
        for (OtlpSeriesStore.Series s : family) {
          synchronized (s) {
            builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(s)).value(s.value).build());
          }
        }
        return builder.build();
      }
      case HISTOGRAM -> {
        HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(first.name).help(help);
        for (OtlpSeriesStore.Series s : family) {
          synchronized (s) {
            double[] bounds = new double[s.bounds.length + 1];
            System.arraycopy(s.bounds, 0, bounds, 0, s.bounds.length);
            bounds[s.bounds.length] = Double.POSITIVE_INFINITY;
            builder.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(labels(s))
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, s.counts.clone()))
                .sum(s.sum)
                .build());
          }
        }
        return builder.build();
      }
      case SUMMARY -> {
        SummarySnapshot.Builder builder = SummarySnapshot.builder().name(first.name).help(help);
        for (OtlpSeriesStore.Series s : family) {
          synchronized (s) {
            List<Quantile> quantiles = new ArrayList<>(s.quantiles.length);
            for (int i = 0; i < s.quantiles.length; i++) {
              quantiles.add(new Quantile(s.quantiles[i], s.quantileValues[i]));
            }
            builder.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                .labels(labels(s)).quantiles(Quantiles.of(quantiles)).count(s.count).sum(s.sum).build());
          }
        }
        return builder.build();
      }
      default -> {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(first.name).help(help);
        for (OtlpSeriesStore.Series s : family) {
          synchronized (s) {
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels(s)).value(s.value).build());
          }
        }
        return builder.build();
      }
    }
  }

  private static Labels labels(OtlpSeriesStore.Series s) {
    return Labels.of(s.labelNames, s.labelValues);
  }
}
