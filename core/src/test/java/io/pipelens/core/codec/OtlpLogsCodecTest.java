package io.pipelens.core.codec;

import static io.pipelens.core.codec.SampleRecords.DRIVER_POD;
import static io.pipelens.core.codec.SampleRecords.EXECUTOR_POD;
import static io.pipelens.core.codec.SampleRecords.RAY_HEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.TraceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OtlpLogsCodecTest {

  private final OtlpLogsCodec codec = new OtlpLogsCodec();

  // ---- round trips ----

  @Test
  void roundTripsEveryFieldAndValueKind() throws Exception {
    List<LogRecord> batch = List.of(SampleRecords.everyKind(), SampleRecords.bare());

    assertThat(codec.decode(codec.encode(batch))).containsExactlyElementsOf(batch);
  }

  @Test
  void roundTripsAOneMebibyteBody() throws Exception {
    LogRecord record = SampleRecords.bigBody(1 << 20);

    byte[] bytes = codec.encode(List.of(record));

    assertThat(bytes.length).isGreaterThan(1 << 20);
    assertThat(codec.decode(bytes)).containsExactly(record);
  }

  @Test
  void roundTripsNonAsciiText() throws Exception {
    LogRecord record = SampleRecords.nonAscii();

    List<LogRecord> decoded = codec.decode(codec.encode(List.of(record)));

    assertThat(decoded).containsExactly(record);
    assertThat(decoded.get(0).body()).isEqualTo(record.body());
    assertThat(decoded.get(0).attributes().getString("emoji.🔑")).contains("🚀");
  }

  @Test
  void roundTripsTraceAndSpanIds() throws Exception {
    LogRecord record =
        LogRecord.builder()
            .body("in a span")
            .traceId(TraceId.fromHex("ffffffffffffffff0000000000000001"))
            .spanId(SpanId.fromHex("8000000000000000"))
            .flags(0x01)
            .build();

    LogRecord decoded = codec.decode(codec.encode(List.of(record))).get(0);

    assertThat(decoded.traceId().toHex()).isEqualTo("ffffffffffffffff0000000000000001");
    assertThat(decoded.spanId().toHex()).isEqualTo("8000000000000000");
    assertThat(decoded).isEqualTo(record);
  }

  @Test
  void groupsInterleavedSourcesKeepingOrderWithinEachGroup() throws Exception {
    byte[] bytes = codec.encode(SampleRecords.interleaved());

    assertThat(codec.decode(bytes)).containsExactlyElementsOf(SampleRecords.interleavedGrouped());
    ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(bytes);
    assertThat(request.getResourceLogsCount()).isEqualTo(3);
    assertThat(request.getResourceLogs(0).getScopeLogsList())
        .extracting(scope -> scope.getScope().getName(), ScopeLogs::getLogRecordsCount)
        .containsExactly(tuple("", 2), tuple("other.scope", 2));
  }

  @Test
  void groupsEqualResourcesThatAreDistinctInstances() throws Exception {
    Resource copy = Resource.of(DRIVER_POD.attributes().toBuilder().build());
    List<LogRecord> batch =
        List.of(SampleRecords.line(DRIVER_POD, "a", 1), SampleRecords.line(copy, "b", 2));

    byte[] bytes = codec.encode(batch);

    assertThat(ExportLogsServiceRequest.parseFrom(bytes).getResourceLogsCount()).isEqualTo(1);
    assertThat(codec.decode(bytes)).containsExactlyElementsOf(batch);
  }

  @Test
  void writesABodyKeptAsUtf8BytesAsItsText() throws Exception {
    for (String text : new String[] {"", "plain", "café — 日本語 😀", "x".repeat(300)}) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      LogRecord asText = SampleRecords.nonAscii().toBuilder().body(text).build();
      LogRecord asBytes = asText.toBuilder().body(AnyValue.ofUtf8(utf8, 0, utf8.length)).build();
      assertThat(codec.encode(List.of(asBytes))).isEqualTo(codec.encode(List.of(asText)));
      assertThat(asBytes).isEqualTo(asText).hasSameHashCodeAs(asText);
      assertThat(codec.decode(codec.encode(List.of(asBytes)))).containsExactly(asText);
    }
  }

  @Test
  void writesALoneSurrogateAsTheGeneratedClassesDo() {
    LogRecord record = SampleRecords.nonAscii().toBuilder().body("lone \uD800 high").build();
    assertThat(codec.encode(List.of(record)))
        .isEqualTo(GeneratedOtlp.request(List.of(record)).toByteArray());
  }

  @Test
  void encodesAnEmptyBatchAsNoBytes() throws Exception {
    assertThat(codec.encode(List.of())).isEmpty();
    assertThat(codec.decode(new byte[0])).isEmpty();
  }

  // ---- the generated classes are the reference ----

  @Test
  void writesTheSameBytesAsTheGeneratedClasses() {
    List<List<LogRecord>> batches =
        List.of(
            List.of(),
            List.of(SampleRecords.bare()),
            List.of(SampleRecords.everyKind()),
            List.of(SampleRecords.nonAscii()),
            List.of(SampleRecords.bigBody(300_000)),
            SampleRecords.interleaved(),
            List.of(
                SampleRecords.everyKind(),
                SampleRecords.bare(),
                SampleRecords.nonAscii(),
                SampleRecords.everyKind().toBuilder().resource(RAY_HEAD).build()));

    for (List<LogRecord> batch : batches) {
      assertThat(codec.encode(batch))
          .as("batch of %d records", batch.size())
          .isEqualTo(GeneratedOtlp.request(batch).toByteArray());
    }
  }

  @Test
  void decodesStringValuesAsTheirUtf8AndInvalidUtf8AsReplacementCharacters() throws Exception {
    byte[] invalid = {'a', (byte) 0xc3, 'b', (byte) 0xff};
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder()
            .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                .addAttributes(stringKeyValue("k8s.pod.name", "pod-é")))
            .addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                    .setBody(stringValue("aXbY")))
                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                    .setBody(stringValue("中文 😀 line")))))
        .build();
    // The generated classes refuse to write invalid UTF-8: same-length placeholder, patched after.
    byte[] wire = request.toByteArray();
    int at = indexOf(wire, "aXbY".getBytes(StandardCharsets.US_ASCII));
    System.arraycopy(invalid, 0, wire, at, invalid.length);
    List<LogRecord> records = new OtlpLogsCodec().decode(wire);

    AnyValue.StringValue bad = (AnyValue.StringValue) records.get(0).body();
    assertThat(bad.value()).isEqualTo("a\uFFFDb\uFFFD").isEqualTo(new String(invalid, StandardCharsets.UTF_8));
    AnyValue.StringValue good = (AnyValue.StringValue) records.get(1).body();
    assertThat(good.isBytesOnly()).isTrue();
    assertThat(good.utf8()).isEqualTo("中文 😀 line".getBytes(StandardCharsets.UTF_8));
    assertThat(good.value()).isEqualTo("中文 😀 line");
    AnyValue.StringValue pod = (AnyValue.StringValue) records.get(1).resource().attributes().get("k8s.pod.name");
    assertThat(pod.isBytesOnly()).isTrue();
    assertThat(pod).isEqualTo(AnyValue.of("pod-é"));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void decodesWhatTheGeneratedClassesWrite() throws Exception {
    // Built by hand, the way the Collector's Kafka exporter lays out a filelog receiver's output.
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(
                        io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                            .addAttributes(stringKeyValue("k8s.namespace.name", "data-prep"))
                            .addAttributes(stringKeyValue("k8s.pod.name", "etl-daily-driver")))
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .setScope(InstrumentationScope.newBuilder().setName("filelog"))
                            .addLogRecords(
                                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                    .setTimeUnixNano(1_700_000_000_000_000_001L)
                                    .setObservedTimeUnixNano(1_700_000_000_500_000_000L)
                                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
                                    .setSeverityText("ERROR")
                                    .setBody(stringValue("Task 7 failed: OutOfMemoryError"))
                                    .addAttributes(
                                        stringKeyValue("log.file.path", "/var/log/a.log"))
                                    .addAttributes(
                                        KeyValue.newBuilder()
                                            .setKey("log.offset")
                                            .setValue(
                                                io.opentelemetry.proto.common.v1.AnyValue
                                                    .newBuilder()
                                                    .setIntValue(4096)))
                                    .setTraceId(
                                        ByteString.copyFrom(
                                            hex("0af7651916cd43dd8448eb211c80319c")))
                                    .setSpanId(ByteString.copyFrom(hex("b7ad6b7169203331")))
                                    .setFlags(1))
                            .addLogRecords(
                                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                    .setBody(stringValue("second")))))
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(
                                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO))))
            .build();
    Resource pod =
        Resource.of(
            Attributes.builder()
                .put("k8s.namespace.name", "data-prep")
                .put("k8s.pod.name", "etl-daily-driver")
                .build());

    List<LogRecord> decoded = codec.decode(request.toByteArray());

    assertThat(decoded)
        .containsExactly(
            LogRecord.builder()
                .timestampNanos(1_700_000_000_000_000_001L)
                .observedTimestampNanos(1_700_000_000_500_000_000L)
                .severity(Severity.ERROR)
                .severityText("ERROR")
                .body("Task 7 failed: OutOfMemoryError")
                .attributes(
                    Attributes.builder()
                        .put("log.file.path", "/var/log/a.log")
                        .put("log.offset", 4096L)
                        .build())
                .resource(pod)
                .scopeName("filelog")
                .traceId(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"))
                .spanId(SpanId.fromHex("b7ad6b7169203331"))
                .flags(1)
                .build(),
            LogRecord.builder().body("second").resource(pod).scopeName("filelog").build(),
            LogRecord.builder().severity(Severity.INFO).build());
  }

  @Test
  void decodesTheGeneratedFormOfEverySample() throws Exception {
    List<LogRecord> batch =
        List.of(SampleRecords.everyKind(), SampleRecords.nonAscii(), SampleRecords.bare());

    assertThat(codec.decode(GeneratedOtlp.request(batch).toByteArray()))
        .containsExactlyElementsOf(batch);
  }

  @Test
  void generatedParserReadsWhatTheCodecWrites() throws Exception {
    LogRecord record = SampleRecords.everyKind();

    ExportLogsServiceRequest parsed =
        ExportLogsServiceRequest.parseFrom(codec.encode(List.of(record)));

    assertThat(parsed).isEqualTo(GeneratedOtlp.request(List.of(record)));
  }

  @Test
  void decodesFieldsInAnyOrderAndSkipsUnknownOnes() throws Exception {
    // Valid protobuf that no generated writer produces: the resource after the records, unknown
    // fields (event_name, dropped counts, schema_url, a field from the future) here and there, and
    // a known field number with the wrong wire type (skipped as unknown, as generated code does).
    byte[] logRecord =
        bytes(
            out -> {
              out.writeString(12, "event.name");
              out.writeUInt32(7, 3);
              out.writeString(3, "INFO");
              out.writeUInt64(1, 99); // time_unix_nano is fixed64; a varint is an unknown field
              out.writeFixed64(1, 77);
              out.writeString(1000, "from the future");
            });
    byte[] scopeLogs =
        bytes(
            out -> {
              out.writeByteArray(2, logRecord);
              out.writeString(3, "https://opentelemetry.io/schemas/1.24.0");
              out.writeMessage(
                  1, InstrumentationScope.newBuilder().setName("late").setVersion("9").build());
            });
    byte[] resourceLogs =
        bytes(
            out -> {
              out.writeByteArray(2, scopeLogs);
              out.writeString(3, "schema");
              out.writeMessage(
                  1,
                  io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                      .addAttributes(stringKeyValue("k8s.pod.name", "p"))
                      .setDroppedAttributesCount(2)
                      .build());
            });
    byte[] request = bytes(out -> out.writeByteArray(1, resourceLogs));

    assertThat(codec.decode(request))
        .containsExactly(
            LogRecord.builder()
                .timestampNanos(77)
                .severityText("INFO")
                .scopeName("late")
                .resource(Resource.of(Attributes.builder().put("k8s.pod.name", "p").build()))
                .build());
  }

  @Test
  void decodesASeverityNumberWithoutANameAsUnspecified() throws Exception {
    byte[] request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(
                                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                    .setSeverityNumberValue(99)
                                    .setSeverityText("CUSTOM"))))
            .build()
            .toByteArray();

    LogRecord decoded = codec.decode(request).get(0);

    assertThat(decoded.severity()).isEqualTo(Severity.UNSPECIFIED);
    assertThat(decoded.severityText()).isEqualTo("CUSTOM");
  }

  // ---- every entry point agrees ----

  @Test
  void encodesToAStreamTheSameBytesAsToAnArray() throws Exception {
    List<LogRecord> batch = new ArrayList<>(SampleRecords.interleaved());
    batch.add(SampleRecords.bigBody(200_000));
    batch.add(SampleRecords.everyKind());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    codec.encode(batch, out);

    assertThat(out.toByteArray()).isEqualTo(codec.encode(batch));
  }

  @Test
  void encodesAnEmptyBatchToAStream() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    codec.encode(List.of(), out);

    assertThat(out.toByteArray()).isEmpty();
  }

  @Test
  void decodesFromBuffersAndStreams() throws Exception {
    List<LogRecord> batch = List.of(SampleRecords.everyKind(), SampleRecords.nonAscii());
    byte[] bytes = codec.encode(batch);
    byte[] padded = new byte[bytes.length + 7];
    System.arraycopy(bytes, 0, padded, 3, bytes.length);
    ByteBuffer heap = ByteBuffer.wrap(padded, 3, bytes.length);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertThat(codec.decode(heap)).containsExactlyElementsOf(batch);
    assertThat(heap.position()).isEqualTo(3);
    assertThat(codec.decode(direct)).containsExactlyElementsOf(batch);
    assertThat(codec.decode(heap.asReadOnlyBuffer())).containsExactlyElementsOf(batch);
    assertThat(codec.decode(new ByteArrayInputStream(bytes))).containsExactlyElementsOf(batch);
  }

  @Test
  void decodingAFailingStreamThrowsItsIoException() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }
        };

    assertThatThrownBy(() -> codec.decode(failing))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");
  }

  // ---- corrupt input ----

  @Test
  void everyTruncationFailsOrYieldsWholeRecordsOnly() throws Exception {
    List<LogRecord> batch = SampleRecords.interleaved();
    byte[] bytes = codec.encode(batch);

    for (int length = 1; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      try {
        // Cut exactly between two ResourceLogs, the bytes are a smaller valid request.
        List<LogRecord> decoded = codec.decode(truncated);
        assertThat(SampleRecords.interleavedGrouped())
            .startsWith(decoded.toArray(new LogRecord[0]));
        assertThat(decoded).hasSizeLessThan(batch.size());
      } catch (CodecException expected) {
        assertThat(expected).hasMessageStartingWith("Not a valid OTLP ExportLogsServiceRequest");
      }
    }
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void randomCorruptionNeverEscapesAsAnUncheckedException() throws Exception {
    byte[] valid = codec.encode(List.of(SampleRecords.everyKind(), SampleRecords.nonAscii()));
    Random random = new Random(20240611);

    for (int i = 0; i < 20_000; i++) {
      byte[] corrupt = valid.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
      }
      decodeExpectingNoUncheckedException(corrupt);
    }
    for (int i = 0; i < 2_000; i++) {
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      decodeExpectingNoUncheckedException(garbage);
    }
  }

  @Test
  void rejectsATraceIdOfTheWrongLength() {
    byte[] request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(
                                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                    .setTraceId(ByteString.copyFrom(new byte[15])))))
            .build()
            .toByteArray();

    assertThatThrownBy(() -> codec.decode(request))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("trace_id must be 16 bytes, got 15");
  }

  @Test
  void rejectsASpanIdOfTheWrongLength() {
    byte[] request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(
                                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                    .setSpanId(ByteString.copyFrom(new byte[16])))))
            .build()
            .toByteArray();

    assertThatThrownBy(() -> codec.decode(request))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("span_id must be 8 bytes, got 16");
  }

  @Test
  void rejectsValuesNestedTooDeeplyInsteadOfOverflowingTheStack() {
    AnyValue deep = AnyValue.of("bottom");
    for (int i = 0; i < 150; i++) {
      deep = AnyValue.ofArray(deep);
    }
    byte[] bytes = codec.encode(List.of(LogRecord.builder().body(deep).build()));

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("nested deeper than 100");
  }

  @Test
  void rejectsDeeplyNestedUnknownGroupsInsteadOfOverflowingTheStack() {
    byte[] groups = new byte[200_000];
    Arrays.fill(groups, (byte) (5 << 3 | WireFormat.WIRETYPE_START_GROUP));

    assertThatThrownBy(() -> codec.decode(groups)).isInstanceOf(CodecException.class);
  }

  @Test
  void rejectsBytesThatAreNotProtobuf() {
    byte[] json = "{\"resourceLogs\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(json))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Not a valid OTLP ExportLogsServiceRequest (failed at byte");
  }

  @Test
  void rejectsALengthPastTheEnd() {
    byte[] request = {0x0A, 0x05, 0x12, 0x00};

    assertThatThrownBy(() -> codec.decode(request))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void aWholeRecordWithTruncatedFlagAndOffsetSurvives() throws Exception {
    LogRecord record =
        SampleRecords.line(EXECUTOR_POD, "x".repeat(10), 5).toBuilder()
            .attributes(
                Attributes.builder()
                    .put(AttributeNames.LOG_TRUNCATED, true)
                    .put(AttributeNames.LOG_OFFSET, 1L << 40)
                    .build())
            .build();

    LogRecord decoded = codec.decode(codec.encode(List.of(record))).get(0);

    assertThat(decoded.attributes().getBoolean(AttributeNames.LOG_TRUNCATED)).isTrue();
    assertThat(decoded.attributes().getLong(AttributeNames.LOG_OFFSET)).isEqualTo(1L << 40);
  }

  // ---- helpers ----

  private void decodeExpectingNoUncheckedException(byte[] bytes) {
    try {
      codec.decode(bytes);
    } catch (CodecException expected) {
      // the contract
    } catch (RuntimeException | Error e) {
      fail("Decoding " + Arrays.toString(bytes) + " threw " + e, e);
    }
  }

  private interface Writes {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  private static byte[] bytes(Writes writes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    writes.writeTo(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static KeyValue stringKeyValue(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(stringValue(value)).build();
  }

  private static io.opentelemetry.proto.common.v1.AnyValue stringValue(String value) {
    return io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(value).build();
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
