package io.pipelens.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogRecordTest {

  @Test
  void startsWithEveryFieldUnknown() {
    LogRecord record = LogRecord.builder().build();

    assertThat(record.timestampNanos()).isZero();
    assertThat(record.observedTimestampNanos()).isZero();
    assertThat(record.severity()).isEqualTo(Severity.UNSPECIFIED);
    assertThat(record.severityText()).isEmpty();
    assertThat(record.body()).isEqualTo(AnyValue.empty());
    assertThat(record.attributes()).isEqualTo(Attributes.empty());
    assertThat(record.resource()).isEqualTo(Resource.empty());
    assertThat(record.scopeName()).isEmpty();
    assertThat(record.traceId().isValid()).isFalse();
    assertThat(record.spanId().isValid()).isFalse();
    assertThat(record.flags()).isZero();
  }

  @Test
  void equalsComparesEveryField() {
    LogRecord record = full();

    assertThat(record).isEqualTo(full()).hasSameHashCodeAs(full());
    assertThat(record.toBuilder().build()).isEqualTo(record);
    assertThat(record.toBuilder().flags(0).build()).isNotEqualTo(record);
    assertThat(record.toBuilder().body("other").build()).isNotEqualTo(record);
    assertThat(record.toBuilder().scopeName("").build()).isNotEqualTo(record);
    assertThat(record.toBuilder().resource(Resource.empty()).build()).isNotEqualTo(record);
    assertThat(record.toBuilder().traceId(TraceId.INVALID).build()).isNotEqualTo(record);
    assertThat(record.toBuilder().observedTimestampNanos(0).build()).isNotEqualTo(record);
  }

  @Test
  void toStringNamesTheFields() {
    assertThat(full().toString())
        .contains("severity=WARN", "body=StringValue[value=disk almost full]")
        .contains("traceId=0102030405060708090a0b0c0d0e0f10", "k8s.pod.name");
  }

  @Test
  void convertsInstantsToEpochNanos() {
    LogRecord record =
        LogRecord.builder()
            .timestamp(Instant.parse("2025-01-01T00:00:00.123456789Z"))
            .observedTimestamp(Instant.EPOCH.plusNanos(5))
            .build();

    assertThat(record.timestampNanos()).isEqualTo(1_735_689_600_123_456_789L);
    assertThat(record.observedTimestampNanos()).isEqualTo(5);
  }

  @Test
  void rejectsNulls() {
    LogRecord.Builder builder = LogRecord.builder();

    assertThatThrownBy(() -> builder.body((String) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.severity(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.resource(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void idsConvertBetweenBytesAndHex() {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 16; i++) {
      bytes[i] = (byte) (0xF0 + i);
    }
    TraceId traceId = TraceId.fromBytes(bytes);
    SpanId spanId = SpanId.fromHex("00000000000000FF");

    assertThat(traceId.toHex()).isEqualTo("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    assertThat(traceId.toBytes()).isEqualTo(bytes);
    assertThat(TraceId.fromHex(traceId.toHex())).isEqualTo(traceId);
    assertThat(spanId.value()).isEqualTo(255);
    assertThat(SpanId.fromBytes(spanId.toBytes())).isEqualTo(spanId);
    assertThat(spanId.toHex()).isEqualTo("00000000000000ff");
    assertThat(TraceId.INVALID.isValid()).isFalse();
    assertThat(new TraceId(0, 1).isValid()).isTrue();
  }

  @Test
  void idsRejectWrongLengthsAndNonHex() {
    assertThatThrownBy(() -> TraceId.fromBytes(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes, got 8");
    assertThatThrownBy(() -> SpanId.fromBytes(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TraceId.fromHex("0123")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpanId.fromHex("000000000000000g"))
        .isInstanceOf(IllegalArgumentException.class);
    // Fullwidth digits are digits to Character.digit, but not hex to W3C.
    assertThatThrownBy(() -> SpanId.fromHex("000000000000000１"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void streamsAndComputeTypesHaveWireNames() {
    assertThat(Stream.EVENT.wireName()).isEqualTo("event");
    assertThat(Stream.ENGINE.wireName()).isEqualTo("engine");
    assertThat(Stream.BUSINESS.wireName()).isEqualTo("business");
    assertThat(Stream.fromWireName("business")).contains(Stream.BUSINESS);
    assertThat(Stream.fromWireName("BUSINESS")).isEqualTo(Optional.empty());
    assertThat(ComputeType.FIXED.wireName()).isEqualTo("fixed");
    assertThat(ComputeType.SERVERLESS.wireName()).isEqualTo("serverless");
    assertThat(ComputeType.fromWireName("serverless")).contains(ComputeType.SERVERLESS);
    assertThat(ComputeType.fromWireName(null)).isEmpty();
  }

  private static LogRecord full() {
    return LogRecord.builder()
        .timestampNanos(10)
        .observedTimestampNanos(11)
        .severity(Severity.WARN)
        .severityText("warning")
        .body("disk almost full")
        .attributes(Attributes.builder().put(AttributeNames.LOG_OFFSET, 5L).build())
        .resource(
            Resource.of(Attributes.builder().put(AttributeNames.K8S_POD_NAME, "pod-1").build()))
        .scopeName("org.example")
        .traceId(TraceId.fromHex("0102030405060708090a0b0c0d0e0f10"))
        .spanId(SpanId.fromHex("0102030405060708"))
        .flags(1)
        .build();
  }
}
