package io.pipelens.collector.source.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.pipelens.core.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** OTLP/JSON metrics read into the generated protobuf classes. */
class OtlpJsonTest {

  private static ExportMetricsServiceRequest read(String json) throws CodecException {
    ExportMetricsServiceRequest.Builder builder = ExportMetricsServiceRequest.newBuilder();
    OtlpJson.merge(json.getBytes(StandardCharsets.UTF_8), builder);
    return builder.build();
  }

  @Test
  void readsWhatTheSpecificationsExampleWrites() throws Exception {
    // The shape of opentelemetry-proto's examples/metrics.json, with a histogram and an exemplar.
    ExportMetricsServiceRequest request = read("""
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
          "scopeMetrics":[{"scope":{"name":"my.library","version":"1.0.0"},"metrics":[
            {"name":"my.counter","unit":"1","description":"I am a Counter",
             "sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
               {"asDouble":5,"startTimeUnixNano":"1544712660300000000","timeUnixNano":1544712660300000000,
                "attributes":[{"key":"my.counter.attr","value":{"intValue":"42"}}]}]}},
            {"name":"my.histogram","histogram":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_CUMULATIVE",
             "dataPoints":[{"count":"3","sum":"NaN","bucketCounts":["1",2],"explicitBounds":[1],
               "exemplars":[{"asInt":"7","traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}}
          ],"someFutureField":{"x":1}}]}]}""");

    ExportMetricsServiceRequest expected = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
        ResourceMetrics.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue("my.service"))))
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
                    .setName("my.library").setVersion("1.0.0"))
                .addMetrics(Metric.newBuilder().setName("my.counter").setUnit("1").setDescription("I am a Counter")
                    .setSum(Sum.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .setIsMonotonic(true)
                        .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(5)
                            .setStartTimeUnixNano(1544712660300000000L).setTimeUnixNano(1544712660300000000L)
                            .addAttributes(KeyValue.newBuilder().setKey("my.counter.attr")
                                .setValue(AnyValue.newBuilder().setIntValue(42))))))
                .addMetrics(Metric.newBuilder().setName("my.histogram").setHistogram(Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(HistogramDataPoint.newBuilder().setCount(3).setSum(Double.NaN)
                        .addBucketCounts(1).addBucketCounts(2).addExplicitBounds(1)
                        .addExemplars(Exemplar.newBuilder().setAsInt(7)
                            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c")))
                            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("eee19b7ec3c1b174")))))))))
        .build();
    assertThat(request).isEqualTo(expected);
  }

  @Test
  void protoFieldNamesAndUnsignedValuesAboveLongMaxAreAccepted() throws Exception {
    ExportMetricsServiceRequest request = read("""
        {"resource_metrics":[{"scope_metrics":[{"metrics":[{"name":"n","sum":{"data_points":[
          {"time_unix_nano":"18446744073709551615","as_int":"-3"}]}}]}]}]}""");
    NumberDataPoint point = request.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getSum().getDataPoints(0);
    assertThat(Long.toUnsignedString(point.getTimeUnixNano())).isEqualTo("18446744073709551615");
    assertThat(point.getAsInt()).isEqualTo(-3);
  }

  @Test
  void wrongTypesAreRefusedWithWhereTheyAre() {
    assertThatThrownBy(() -> read("{\"resourceMetrics\":{}}"))
        .isInstanceOf(CodecException.class).hasMessageContaining("ExportMetricsServiceRequest.resourceMetrics")
        .hasMessageContaining("expected an array");
    assertThatThrownBy(() -> read("""
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"n","gauge":{"dataPoints":[{"asInt":"x"}]}}]}]}]}"""))
        .isInstanceOf(CodecException.class).hasMessageContaining("dataPoints[0].asInt");
    assertThatThrownBy(() -> read("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":1}]}}]}"))
        .isInstanceOf(CodecException.class).hasMessageContaining("attributes[0].key");
    assertThatThrownBy(() -> read("""
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"n","sum":{"dataPoints":[{"timeUnixNano":"-1"}]}}]}]}]}"""))
        .isInstanceOf(CodecException.class).hasMessageContaining("timeUnixNano").hasMessageContaining("out of range");
    assertThatThrownBy(() -> read("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"n\","
        + "\"histogram\":{\"dataPoints\":[{\"count\":1.5}]}}]}]}]}"))
        .isInstanceOf(CodecException.class).hasMessageContaining("count");
    assertThatThrownBy(() -> read("{not json")).isInstanceOf(CodecException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> read("[]")).isInstanceOf(CodecException.class).hasMessageContaining("expected an object");
  }
}
