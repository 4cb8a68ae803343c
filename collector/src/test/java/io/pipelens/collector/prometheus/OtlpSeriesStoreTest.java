package io.pipelens.collector.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OtlpSeriesStoreTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void labelsAreTheTokensTeamTheComputeTypeTheListedResourceAttributesAndThePointsAttributes() {
    OtlpSeriesStore store = store(10, Duration.ofMinutes(5));
    store.apply(request(gauge("queue.depth", 7, "queue", "a"), "team", "spoofed"), "team-a");
    OtlpSeriesStore.Series s = single(store);
    assertThat(s.name).isEqualTo("queue_depth");
    assertThat(List.of(s.labelNames)).containsExactly("compute_type", "k8s_pod_name", "queue", "service_name", "team");
    assertThat(List.of(s.labelValues)).containsExactly("serverless", "pod-1", "a", "tokenizer", "team-a");
    assertThat(s.value).isEqualTo(7);
  }

  @Test
  void deltaSumsAddUpAndCumulativeOnesReplace() {
    OtlpSeriesStore store = store(10, Duration.ofMinutes(5));
    store.apply(request(sum("bytes.read", "By", 10, true)), "t");
    store.apply(request(sum("bytes.read", "By", 5, true)), "t");
    assertThat(single(store).name).isEqualTo("bytes_read_bytes");
    assertThat(single(store).value).isEqualTo(15);
    OtlpSeriesStore cumulative = store(10, Duration.ofMinutes(5));
    cumulative.apply(request(sum("records", "1", 10, false)), "t");
    cumulative.apply(request(sum("records", "1", 12, false)), "t");
    assertThat(single(cumulative).value).isEqualTo(12);
  }

  @Test
  void newSeriesBeyondTheLimitAreDroppedAndCounted() {
    OtlpSeriesStore store = store(3, Duration.ofMinutes(5));
    for (int i = 0; i < 5; i++) {
      store.apply(request(gauge("g", i, "i", Integer.toString(i))), "t");
    }
    // An existing series still updates at the limit.
    store.apply(request(gauge("g", 100, "i", "0")), "t");
    assertThat(store.current()).hasSize(3);
    assertThat(points("series_limit")).isEqualTo(2);
    assertThat(points("accepted")).isEqualTo(4);
    assertThat(store.current()).anySatisfy(s -> assertThat(s.value).isEqualTo(100));
  }

  @Test
  void seriesNotUpdatedWithinTheTtlAreForgottenAndFreeTheirPlace() {
    OtlpSeriesStore store = store(1, Duration.ofSeconds(60));
    store.apply(request(gauge("g", 1, "pod", "old")), "t");
    now.addAndGet(Duration.ofSeconds(61).toNanos());
    assertThat(store.current()).isEmpty();
    store.apply(request(gauge("g", 2, "pod", "new")), "t");
    assertThat(List.of(single(store).labelValues)).contains("new");
  }

  @Test
  void aNameOfAnotherKindOrOneOfTheCollectorsOwnIsDropped() {
    OtlpSeriesStore store = store(10, Duration.ofMinutes(5));
    store.ownNames(name -> name.equals("pipelens_collector_otlp_requests"));
    store.apply(request(gauge("x", 1)), "t");
    store.apply(request(sum("x", "", 1, false)), "t");
    store.apply(request(sum("pipelens.collector.otlp.requests", "", 1, false)), "t");
    assertThat(single(store).kind).isEqualTo(OtlpSeriesStore.Kind.GAUGE);
    assertThat(points("type_conflict")).isEqualTo(1);
    assertThat(points("name_conflict")).isEqualTo(1);
  }

  @Test
  void namesFollowPrometheusTranslationOfOtlp() {
    assertThat(PrometheusNames.metric("http.server.duration", "s")).isEqualTo("http_server_duration_seconds");
    assertThat(PrometheusNames.metric("jobs_total", "")).isEqualTo("jobs");
    assertThat(PrometheusNames.metric("1st-metric", "ms")).isEqualTo("_1st_metric_milliseconds");
    assertThat(PrometheusNames.label("__reserved.key")).isEqualTo("_reserved_key");
  }

  private OtlpSeriesStore store(int maxSeries, Duration ttl) {
    return new OtlpSeriesStore(new OtlpMetricsConfig(null, maxSeries, ttl), registry, now::get);
  }

  private double points(String result) {
    return registry.get("pipelens_collector_otlp_metric_points").tag("result", result).counter().count();
  }

  private static OtlpSeriesStore.Series single(OtlpSeriesStore store) {
    List<OtlpSeriesStore.Series> current = store.current();
    assertThat(current).hasSize(1);
    return current.get(0);
  }

  static ExportMetricsServiceRequest request(Metric metric, String... resourceAttributes) {
    Resource.Builder resource = Resource.newBuilder()
        .addAttributes(kv("service.name", "tokenizer"))
        .addAttributes(kv("k8s.pod.name", "pod-1"))
        .addAttributes(kv("process.pid", "4242"));
    for (int i = 0; i < resourceAttributes.length; i += 2) {
      resource.addAttributes(kv(resourceAttributes[i], resourceAttributes[i + 1]));
    }
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric))).build();
  }

  static Metric gauge(String name, double value, String... attributes) {
    NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setAsDouble(value);
    for (int i = 0; i < attributes.length; i += 2) {
      point.addAttributes(kv(attributes[i], attributes[i + 1]));
    }
    return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addDataPoints(point)).build();
  }

  static Metric sum(String name, String unit, long value, boolean delta) {
    return Metric.newBuilder().setName(name).setUnit(unit).setSum(Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(delta ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
            : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
        .addDataPoints(NumberDataPoint.newBuilder().setAsInt(value))).build();
  }

  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
