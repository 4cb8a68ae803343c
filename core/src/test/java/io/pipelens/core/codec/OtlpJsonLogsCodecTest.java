package io.pipelens.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.TraceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpJsonLogsCodecTest {

  private final OtlpJsonLogsCodec codec = new OtlpJsonLogsCodec();

  @Test
  void roundTripsEveryFieldValueKindAndText() throws Exception {
    List<LogRecord> batch =
        List.of(
            SampleRecords.everyKind(),
            SampleRecords.bare(),
            SampleRecords.nonAscii(),
            SampleRecords.bigBody(1 << 20));

    assertThat(codec.decode(codec.encode(batch))).containsExactlyElementsOf(batch);
  }

  @Test
  void groupsInterleavedSourcesLikeTheProtobufCodec() throws Exception {
    List<LogRecord> batch = SampleRecords.interleaved();

    assertThat(codec.decode(codec.encode(batch)))
        .containsExactlyElementsOf(SampleRecords.interleavedGrouped())
        .containsExactlyElementsOf(new OtlpLogsCodec().decode(new OtlpLogsCodec().encode(batch)));
  }

  @Test
  void writesOtlpJson() throws Exception {
    LogRecord record =
        LogRecord.builder()
            .timestampNanos(1_544_712_660_300_000_000L)
            .observedTimestampNanos(-1L) // fixed64: the largest unsigned value
            .severity(Severity.INFO2)
            .severityText("Information")
            .body("Example log record")
            .attributes(
                Attributes.builder()
                    .put("int", 10L)
                    .put("double", 637.704)
                    .put("nan", Double.NaN)
                    .put("bytes", AnyValue.of(new byte[] {(byte) 0xFB, (byte) 0xFF}))
                    .put("array", AnyValue.ofArray(AnyValue.of(true), AnyValue.empty()))
                    .put("kvlist", AnyValue.of(Attributes.builder().put("k", "v").build()))
                    .put("empty.array", AnyValue.ofArray())
                    .build())
            .resource(Resource.of(Attributes.builder().put("service.name", "svc").build()))
            .scopeName("my.library")
            .traceId(TraceId.fromHex("5B8EFFF798038103D269B633813FC60C"))
            .spanId(SpanId.fromHex("EEE19B7EC3C1B174"))
            .flags(-1) // fixed32: the largest unsigned value
            .build();

    String json = new String(codec.encode(List.of(record)), StandardCharsets.UTF_8);

    assertThat(new ObjectMapper().readTree(json))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"resourceLogs":[{
                      "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
                      "scopeLogs":[{
                        "scope":{"name":"my.library"},
                        "logRecords":[{
                          "timeUnixNano":"1544712660300000000",
                          "observedTimeUnixNano":"18446744073709551615",
                          "severityNumber":10,
                          "severityText":"Information",
                          "body":{"stringValue":"Example log record"},
                          "attributes":[
                            {"key":"int","value":{"intValue":"10"}},
                            {"key":"double","value":{"doubleValue":637.704}},
                            {"key":"nan","value":{"doubleValue":"NaN"}},
                            {"key":"bytes","value":{"bytesValue":"+/8="}},
                            {"key":"array","value":{"arrayValue":{"values":[{"boolValue":true},{}]}}},
                            {"key":"kvlist","value":{"kvlistValue":{"values":[
                              {"key":"k","value":{"stringValue":"v"}}]}}},
                            {"key":"empty.array","value":{"arrayValue":{}}}
                          ],
                          "flags":4294967295,
                          "traceId":"5b8efff798038103d269b633813fc60c",
                          "spanId":"eee19b7ec3c1b174"
                        }]
                      }]
                    }]}
                    """));
  }

  @Test
  void readsTheOtlpSpecificationExample() throws Exception {
    // Shaped like examples/logs.json in the opentelemetry-proto repository.
    String json =
        """
        {
          "resourceLogs": [{
            "resource": {
              "attributes": [{"key": "service.name", "value": {"stringValue": "my.service"}}]
            },
            "scopeLogs": [{
              "scope": {
                "name": "my.library",
                "version": "1.0.0",
                "attributes": [{"key": "my.scope.attribute", "value": {"stringValue": "some scope attribute"}}]
              },
              "logRecords": [{
                "timeUnixNano": "1544712660300000000",
                "observedTimeUnixNano": "1544712660300000000",
                "severityNumber": 10,
                "severityText": "Information",
                "traceId": "5B8EFFF798038103D269B633813FC60C",
                "spanId": "EEE19B7EC3C1B174",
                "body": {"stringValue": "Example log record"},
                "attributes": [
                  {"key": "string.attribute", "value": {"stringValue": "some string"}},
                  {"key": "boolean.attribute", "value": {"boolValue": true}},
                  {"key": "int.attribute", "value": {"intValue": "10"}},
                  {"key": "double.attribute", "value": {"doubleValue": 637.704}},
                  {"key": "array.attribute", "value": {"arrayValue": {"values": [
                    {"stringValue": "many"}, {"stringValue": "values"}]}}},
                  {"key": "map.attribute", "value": {"kvlistValue": {"values": [
                    {"key": "some.map.key", "value": {"stringValue": "some value"}}]}}}
                ]
              }]
            }]
          }]
        }
        """;

    assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(
            LogRecord.builder()
                .timestampNanos(1_544_712_660_300_000_000L)
                .observedTimestampNanos(1_544_712_660_300_000_000L)
                .severity(Severity.INFO2)
                .severityText("Information")
                .traceId(TraceId.fromHex("5b8efff798038103d269b633813fc60c"))
                .spanId(SpanId.fromHex("eee19b7ec3c1b174"))
                .body("Example log record")
                .attributes(
                    Attributes.builder()
                        .put("string.attribute", "some string")
                        .put("boolean.attribute", true)
                        .put("int.attribute", 10L)
                        .put("double.attribute", 637.704)
                        .put(
                            "array.attribute",
                            AnyValue.ofArray(AnyValue.of("many"), AnyValue.of("values")))
                        .put(
                            "map.attribute",
                            AnyValue.of(
                                Attributes.builder().put("some.map.key", "some value").build()))
                        .build())
                .resource(
                    Resource.of(Attributes.builder().put("service.name", "my.service").build()))
                .scopeName("my.library")
                .build());
  }

  @Test
  void readsTheLooserFormsTheJsonMappingAllows() throws Exception {
    String json =
        """
        {"resource_logs": [{
          "scope_logs": [{
            "log_records": [{
              "time_unix_nano": 1700000000000000000,
              "severity_number": "SEVERITY_NUMBER_WARN",
              "severity_text": null,
              "body": {"kvlist_value": {"values": [
                {"key": "n", "value": {"int_value": 7}},
                {"key": "d", "value": {"double_value": "-Infinity"}},
                {"key": "i", "value": {"doubleValue": 2}},
                {"key": "b", "value": {"bytes_value": "-_8"}}
              ]}},
              "trace_id": "",
              "flags": "1",
              "unknown": {"deep": [1, 2, {"x": null}]}
            }]
          }],
          "resource": {"attributes": [{"key": "k8s.pod.name", "value": {"string_value": "late"}}]},
          "schemaUrl": "ignored"
        }]}
        """;

    assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(
            LogRecord.builder()
                .timestampNanos(1_700_000_000_000_000_000L)
                .severity(Severity.WARN)
                .body(
                    AnyValue.of(
                        Attributes.builder()
                            .put("n", 7L)
                            .put("d", Double.NEGATIVE_INFINITY)
                            .put("i", 2.0)
                            .put("b", AnyValue.of(new byte[] {(byte) 0xFB, (byte) 0xFF}))
                            .build()))
                .flags(1)
                .resource(Resource.of(Attributes.builder().put("k8s.pod.name", "late").build()))
                .build());
  }

  @Test
  void decodesFromBuffersAndStreamsAndEncodesToStreams() throws Exception {
    List<LogRecord> batch = List.of(SampleRecords.everyKind(), SampleRecords.nonAscii());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.encode(batch, out);
    byte[] bytes = out.toByteArray();
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertThat(bytes).isEqualTo(codec.encode(batch));
    assertThat(codec.decode(ByteBuffer.wrap(bytes))).containsExactlyElementsOf(batch);
    assertThat(codec.decode(direct)).containsExactlyElementsOf(batch);
    assertThat(codec.decode(new ByteArrayInputStream(bytes))).containsExactlyElementsOf(batch);
  }

  @Test
  void encodesAnEmptyBatchAsAnEmptyObject() throws Exception {
    assertThat(new String(codec.encode(List.of()), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(codec.decode("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{\"resourceLogs\": {}}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"traceId\": \"abc\"}]}]}]}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"spanId\":"
            + " \"zzzzzzzzzzzzzzzz\"}]}]}]}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"timeUnixNano\": \"-1\"}]}]}]}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"body\": {\"intValue\":"
            + " 1.5}}]}]}]}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"body\": {\"bytesValue\":"
            + " \"!!\"}}]}]}]}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"body\": \"plain\"}]}]}]}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"severityNumber\":"
            + " \"SEVERITY_NUMBER_LOUD\"}]}]}]}",
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{}]}]}]",
        "{\"resourceLogs\": []} trailing",
        "\u0000\u0001 not json"
      })
  void rejectsInvalidInputWithACodecException(String json) {
    assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Not a valid OTLP/JSON ExportLogsServiceRequest");
  }

  @Test
  void everyTruncationFailsWithACodecException() throws Exception {
    byte[] bytes = codec.encode(SampleRecords.interleaved());

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = java.util.Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(CodecException.class);
    }
  }

  @Test
  void rejectsValuesNestedTooDeeply() {
    String json =
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":"
            + "{\"arrayValue\":{\"values\":[".repeat(150)
            + "]}}".repeat(150)
            + "}]}]}]}";

    assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("nested deeper than 100");
  }

  @Test
  void writesValidJsonForEverySample() throws Exception {
    JsonNode tree = new ObjectMapper().readTree(codec.encode(List.of(SampleRecords.nonAscii())));

    assertThat(tree.at("/resourceLogs/0/scopeLogs/0/logRecords/0/body/stringValue").asText())
        .contains("数据", "🚀", "خطأ");
  }
}
