package io.pipelens.collector.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.pipelens.core.record.AttributeNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The last value of every OTLP series received, keyed by Prometheus name and labels. Cumulative
 * points replace what is held; delta points are added to it, so a delta counter is exposed as the
 * Prometheus counter it amounts to. At most {@code max_series} series; a series whose name is one
 * of the collector's own metrics, or whose kind differs from its name's first series, is dropped,
 * since either would make the scrape invalid.
 */
public final class OtlpSeriesStore {

  /** How a series is exposed. */
  enum Kind { GAUGE, COUNTER, HISTOGRAM, SUMMARY }

  /** One series; its values are guarded by its own monitor. */
  static final class Series {
    final String name;
    final Kind kind;
    final String help;
    final String[] labelNames;
    final String[] labelValues;
    double value;
    double[] bounds = new double[0];
    long[] counts = new long[0];
    double sum;
    long count;
    double[] quantiles = new double[0];
    double[] quantileValues = new double[0];
    long updatedNanos;

    Series(String name, Kind kind, String help, String[] labelNames, String[] labelValues) {
      this.name = name;
      this.kind = kind;
      this.help = help;
      this.labelNames = labelNames;
      this.labelValues = labelValues;
    }
  }

  static final String SERVERLESS = "serverless";

  private final OtlpMetricsConfig config;
  private final Set<String> resourceLabels;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, Series> series = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Kind> kinds = new ConcurrentHashMap<>();
  private final AtomicInteger held = new AtomicInteger();
  private final Map<String, Counter> points;
  private volatile Predicate<String> ownNames = name -> false;

  /** A store for {@code config}; {@code nanoTime} is the clock of {@code series_ttl}. */
  public OtlpSeriesStore(OtlpMetricsConfig config, MeterRegistry registry, LongSupplier nanoTime) {
    this.config = config;
    this.resourceLabels = Set.copyOf(config.resourceLabels());
    this.nanoTime = nanoTime;
    Map<String, Counter> counters = new ConcurrentHashMap<>();
    for (String result : List.of("accepted", "series_limit", "name_conflict", "type_conflict", "unsupported_type")) {
      counters.put(result, Counter.builder("pipelens_collector_otlp_metric_points")
          .description("OTLP metric data points received, by whether they are exposed on /metrics")
          .tag("result", result).register(registry));
    }
    this.points = Map.copyOf(counters);
    Gauge.builder("pipelens_collector_otlp_metric_series", held, AtomicInteger::get)
        .description("OTLP series exposed on /metrics").register(registry);
  }

  /** Names not to take, because the collector's own metrics have them (or may, for the pipelens_ prefix). */
  void ownNames(Predicate<String> names) {
    this.ownNames = names;
  }

  /** Takes every data point of {@code request}, sent with {@code team}'s token. */
  public void apply(ExportMetricsServiceRequest request, String team) {
    long now = nanoTime.getAsLong();
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      List<String[]> base = new ArrayList<>();
      base.add(new String[] {"team", team});
      String computeType = SERVERLESS;
      for (KeyValue attribute : resourceMetrics.getResource().getAttributesList()) {
        if (attribute.getKey().equals(AttributeNames.PIPELENS_COMPUTE_TYPE)) {
          computeType = text(attribute.getValue());
        }
      }
      base.add(new String[] {"compute_type", computeType});
      for (KeyValue attribute : resourceMetrics.getResource().getAttributesList()) {
        if (resourceLabels.contains(attribute.getKey())) {
          base.add(new String[] {PrometheusNames.label(attribute.getKey()), text(attribute.getValue())});
        }
      }
      for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          apply(metric, base, now);
        }
      }
    }
  }

  private void apply(Metric metric, List<String[]> base, long now) {
    String name = PrometheusNames.metric(metric.getName(), metric.getUnit());
    switch (metric.getDataCase()) {
      case GAUGE -> {
        for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
          number(name, Kind.GAUGE, metric, base, point, false, now);
        }
      }
      case SUM -> {
        Kind kind = metric.getSum().getIsMonotonic() ? Kind.COUNTER : Kind.GAUGE;
        boolean delta = metric.getSum().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
        for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
          number(name, kind, metric, base, point, delta, now);
        }
      }
      case HISTOGRAM -> {
        boolean delta = metric.getHistogram().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
        for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
          Series s = series(name, Kind.HISTOGRAM, metric, base, point.getAttributesList(), now);
          if (s != null) {
            histogram(s, point, delta, now);
          }
        }
      }
      case SUMMARY -> {
        for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
          Series s = series(name, Kind.SUMMARY, metric, base, point.getAttributesList(), now);
          if (s != null) {
            synchronized (s) {
              s.count = point.getCount();
              s.sum = point.getSum();
              s.quantiles = point.getQuantileValuesList().stream().mapToDouble(q -> q.getQuantile()).toArray();
              s.quantileValues = point.getQuantileValuesList().stream().mapToDouble(q -> q.getValue()).toArray();
              s.updatedNanos = now;
            }
          }
        }
      }
      default -> points.get("unsupported_type").increment(Math.max(1, pointCount(metric)));
    }
  }

  private void number(String name, Kind kind, Metric metric, List<String[]> base, NumberDataPoint point,
      boolean delta, long now) {
    Series s = series(name, kind, metric, base, point.getAttributesList(), now);
    if (s == null) {
      return;
    }
    double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
    synchronized (s) {
      s.value = delta ? s.value + value : value;
      s.updatedNanos = now;
    }
  }

  private static void histogram(Series s, HistogramDataPoint point, boolean delta, long now) {
    double[] bounds = point.getExplicitBoundsList().stream().mapToDouble(Double::doubleValue).toArray();
    long[] counts = point.getBucketCountsList().stream().mapToLong(Long::longValue).toArray();
    if (counts.length != bounds.length + 1) {
      // Only count and sum were sent (or the buckets are malformed): one +Inf bucket holds them.
      bounds = new double[0];
      counts = new long[] {point.getCount()};
    }
    synchronized (s) {
      if (delta && Arrays.equals(s.bounds, bounds)) {
        for (int i = 0; i < counts.length; i++) {
          s.counts[i] += counts[i];
        }
        s.sum += point.getSum();
        s.count += point.getCount();
      } else {
        s.bounds = bounds;
        s.counts = counts;
        s.sum = point.getSum();
        s.count = point.getCount();
      }
      s.updatedNanos = now;
    }
  }

  /** The series for the point, created if there is room; null (and counted) if it is dropped. */
  private Series series(String name, Kind kind, Metric metric, List<String[]> base, List<KeyValue> attributes,
      long now) {
    if (ownNames.test(name)) {
      points.get("name_conflict").increment();
      return null;
    }
    Kind existing = kinds.putIfAbsent(name, kind);
    if (existing != null && existing != kind) {
      points.get("type_conflict").increment();
      return null;
    }
    // The token's team and the compute type come first, so an attribute cannot replace them.
    List<String[]> labels = new ArrayList<>(base);
    for (KeyValue attribute : attributes) {
      labels.add(new String[] {PrometheusNames.label(attribute.getKey()), text(attribute.getValue())});
    }
    Set<String> seen = new HashSet<>();
    List<String[]> unique = new ArrayList<>(labels.size());
    for (String[] label : labels) {
      if (seen.add(label[0])) {
        unique.add(label);
      }
    }
    unique.sort(Comparator.comparing(label -> label[0]));
    StringBuilder key = new StringBuilder(name);
    for (String[] label : unique) {
      key.append('\u0000').append(label[0]).append('\u0001').append(label[1]);
    }
    Series s = series.computeIfAbsent(key.toString(), k -> {
      if (held.incrementAndGet() > config.maxSeries()) {
        held.decrementAndGet();
        return null;
      }
      Series created = new Series(name, kind, metric.getDescription(),
          unique.stream().map(l -> l[0]).toArray(String[]::new), unique.stream().map(l -> l[1]).toArray(String[]::new));
      created.updatedNanos = now;
      return created;
    });
    if (s == null) {
      points.get("series_limit").increment();
      return null;
    }
    if (s.kind != kind) {
      points.get("type_conflict").increment();
      return null;
    }
    points.get("accepted").increment();
    return s;
  }

  /** The series updated within {@code series_ttl}; older ones are forgotten. */
  List<Series> current() {
    long now = nanoTime.getAsLong();
    long ttl = config.seriesTtl().toNanos();
    List<Series> live = new ArrayList<>(series.size());
    Set<String> names = new HashSet<>();
    series.entrySet().removeIf(entry -> {
      Series s = entry.getValue();
      long updated;
      synchronized (s) {
        updated = s.updatedNanos;
      }
      if (now - updated > ttl) {
        held.decrementAndGet();
        return true;
      }
      live.add(s);
      names.add(s.name);
      return false;
    });
    kinds.keySet().retainAll(names);
    return live;
  }

  private static int pointCount(Metric metric) {
    return switch (metric.getDataCase()) {
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      default -> 0;
    };
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> java.util.HexFormat.of().formatHex(value.getBytesValue().toByteArray());
      default -> value.toString().strip();
    };
  }
}
