package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP metrics from serverless pods, over gRPC and HTTP, re-exposed on the collector's own
 * {@code /metrics}: each kind in its Prometheus form, labelled with the token's team, the compute
 * type and the listed resource attributes, bounded by {@code max_series}; the scrape stays valid
 * for Prometheus' own parser ({@code promtool check metrics}).
 */
class OtlpMetricsIT {

  private static final String TOKEN = "metrics-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void metricsSentOverGrpcAndHttpAreScrapedFromTheCollector() throws Exception {
    String yaml = """
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        otlp:
          http: {host: 127.0.0.1, port: 0}
          grpc: {host: 127.0.0.1, port: 0}
          tokens:
            - {token: %s, team: team-m}
          metrics:
            resource_labels: [service.name, k8s.pod.name]
            max_series: 7
        """.formatted(dir.resolve("data"), TOKEN);
    CollectorConfig config = ConfigLoader.create(Map.of()).parse(yaml, "test collector", CollectorConfig.class);
    try (Collector collector = Collector.create(config)) {
      collector.start();
      collectorPort = collector.otlpPort();
      ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", collector.otlpGrpcPort(),
          InsecureChannelCredentials.create()).build();
      try {
        MetricsServiceGrpc.MetricsServiceBlockingStub stub = MetricsServiceGrpc.newBlockingStub(channel);
        StatusRuntimeException refused = null;
        try {
          stub.export(request("pod-1", gauge("queue.depth", 7, "queue", "a")));
        } catch (StatusRuntimeException e) {
          refused = e;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        MetricsServiceGrpc.MetricsServiceBlockingStub authorized = stub.withInterceptors(bearer());
        authorized.export(request("pod-1",
            gauge("queue.depth", 7, "queue", "a"),
            sum("records.processed", "1", 42, false),
            sum("bytes.read", "By", 10, true),
            histogram(),
            summary(),
            exponentialHistogram(),
            gauge("pipelens.collector.otlp.requests", 1)));
        authorized.withCompression("gzip").export(request("pod-1", sum("bytes.read", "By", 5, true)));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      // OTLP/JSON as an OpenTelemetry SDK writes it: lowerCamelCase, 64-bit integers as strings.
      String json = """
          {"resourceMetrics":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"tokenizer"}},
            {"key":"k8s.pod.name","value":{"stringValue":"pod-2"}},
            {"key":"pipelens.team","value":{"stringValue":"spoofed"}}]},
           "scopeMetrics":[{"scope":{"name":"sdk"},"metrics":[{"name":"queue.depth","gauge":{"dataPoints":[
             {"timeUnixNano":"1733000000000000000","asDouble":3,
              "attributes":[{"key":"queue","value":{"stringValue":"b"}}]}]}}]}]}]}""";
      HttpResponse<String> viaHttp = post(json.getBytes(StandardCharsets.UTF_8), "application/json");
      assertThat(viaHttp.statusCode()).isEqualTo(200);
      HttpResponse<String> badJson = post("{\"resourceMetrics\":{}}".getBytes(), "application/json");
      assertThat(badJson.statusCode()).isEqualTo(400);
      assertThat(badJson.body()).contains("resourceMetrics");
      assertThat(post(new byte[] {(byte) 0xff, 1}, "application/x-protobuf").statusCode()).isEqualTo(400);
      // 6 series are held; a 7th fits, the 8th and 9th do not.
      for (int pod = 3; pod <= 5; pod++) {
        assertThat(post(request("pod-" + pod, gauge("queue.depth", pod, "queue", "c")).toByteArray(),
            "application/x-protobuf").statusCode()).isEqualTo(200);
      }

      String scrape = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + collector.ops().port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      String pod1 = "compute_type=\"serverless\",k8s_pod_name=\"pod-1\"";
      String end = ",service_name=\"tokenizer\",team=\"team-m\"";
      assertThat(scrape.lines()).contains(
          "# TYPE queue_depth gauge",
          "queue_depth{" + pod1 + ",queue=\"a\"" + end + "} 7.0",
          "queue_depth{compute_type=\"serverless\",k8s_pod_name=\"pod-2\",queue=\"b\"" + end + "} 3.0",
          "queue_depth{compute_type=\"serverless\",k8s_pod_name=\"pod-3\",queue=\"c\"" + end + "} 3.0",
          "# TYPE records_processed_total counter",
          "records_processed_total{" + pod1 + end + "} 42.0",
          "bytes_read_bytes_total{" + pod1 + end + "} 15.0",
          "# TYPE task_duration_seconds histogram",
          "task_duration_seconds_bucket{" + pod1 + end + ",le=\"0.1\"} 1",
          "task_duration_seconds_bucket{" + pod1 + end + ",le=\"1.0\"} 3",
          "task_duration_seconds_bucket{" + pod1 + end + ",le=\"+Inf\"} 6",
          "task_duration_seconds_count{" + pod1 + end + "} 6",
          "task_duration_seconds_sum{" + pod1 + end + "} 5.5",
          "# TYPE gc_pause_seconds summary",
          "gc_pause_seconds{" + pod1 + end + ",quantile=\"0.99\"} 0.25",
          "gc_pause_seconds_count{" + pod1 + end + "} 4");
      assertThat(scrape).doesNotContain("pod-4").doesNotContain("pod-5").doesNotContain("process_pid")
          .doesNotContain("exp_latency");
      assertThat(scrape.lines().filter(line -> line.startsWith("pipelens_collector_otlp_requests_total")))
          .as("the collector's own meter, not the OTLP point that has its name").allMatch(line -> line.contains("code="));
      assertThat(Harness.meter(collector, "pipelens_collector_otlp_metric_points", "result", "series_limit")).isEqualTo(2);
      assertThat(Harness.meter(collector, "pipelens_collector_otlp_metric_points", "result", "name_conflict")).isEqualTo(1);
      assertThat(Harness.meter(collector, "pipelens_collector_otlp_metric_points", "result", "unsupported_type")).isEqualTo(1);
      assertThat(Harness.meter(collector, "pipelens_collector_otlp_metric_series")).isEqualTo(7);

      Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
      promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
      promtool.getOutputStream().close();
      String lint = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      promtool.waitFor();
      assertThat(lint).as("promtool check metrics").doesNotContain("error while linting");
    }
  }

  private static HttpResponse<String> post(byte[] body, String contentType) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collectorPort + "/v1/metrics"))
        .header("Content-Type", contentType).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int collectorPort;

  private static io.grpc.ClientInterceptor bearer() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  private static ExportMetricsServiceRequest request(String pod, Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(kv("service.name", "tokenizer"))
            .addAttributes(kv("k8s.pod.name", pod))
            .addAttributes(kv("process.pid", "4242"))
            .addAttributes(kv("pipelens.team", "spoofed")))
        .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
  }

  private static Metric gauge(String name, double value, String... attributes) {
    NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setAsDouble(value);
    for (int i = 0; i < attributes.length; i += 2) {
      point.addAttributes(kv(attributes[i], attributes[i + 1]));
    }
    return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addDataPoints(point)).build();
  }

  private static Metric sum(String name, String unit, long value, boolean delta) {
    return Metric.newBuilder().setName(name).setUnit(unit).setSum(Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(delta ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
            : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
        .addDataPoints(NumberDataPoint.newBuilder().setAsInt(value))).build();
  }

  private static Metric histogram() {
    return Metric.newBuilder().setName("task.duration").setUnit("s").setDescription("task run time")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(HistogramDataPoint.newBuilder().setCount(6).setSum(5.5)
                .addAllExplicitBounds(List.of(0.1, 1.0)).addAllBucketCounts(List.of(1L, 2L, 3L))))
        .build();
  }

  private static Metric summary() {
    return Metric.newBuilder().setName("gc.pause").setUnit("s").setSummary(Summary.newBuilder()
        .addDataPoints(SummaryDataPoint.newBuilder().setCount(4).setSum(0.5)
            .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(0.25))))
        .build();
  }

  private static Metric exponentialHistogram() {
    return Metric.newBuilder().setName("exp.latency").setExponentialHistogram(ExponentialHistogram.newBuilder()
        .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setCount(1).setScale(2))).build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
