package io.pipelens.core.codec;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference the codec is held to: the same batch built with the official generated OTLP
 * classes, written independently of the codec (its own grouping, its own value mapping).
 */
final class GeneratedOtlp {

  private GeneratedOtlp() {}

  static ExportLogsServiceRequest request(List<LogRecord> records) {
    Map<Resource, Map<String, List<LogRecord>>> grouped = new LinkedHashMap<>();
    for (LogRecord record : records) {
      grouped
          .computeIfAbsent(record.resource(), r -> new LinkedHashMap<>())
          .computeIfAbsent(record.scopeName(), s -> new ArrayList<>())
          .add(record);
    }
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    grouped.forEach(
        (resource, scopes) -> {
          ResourceLogs.Builder resourceLogs =
              ResourceLogs.newBuilder()
                  .setResource(
                      io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                          .addAllAttributes(keyValues(resource.attributes())));
          scopes.forEach(
              (scopeName, scopeRecords) -> {
                ScopeLogs.Builder scopeLogs =
                    ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName(scopeName));
                scopeRecords.forEach(r -> scopeLogs.addLogRecords(logRecord(r)));
                resourceLogs.addScopeLogs(scopeLogs);
              });
          request.addResourceLogs(resourceLogs);
        });
    return request.build();
  }

  static io.opentelemetry.proto.logs.v1.LogRecord logRecord(LogRecord record) {
    io.opentelemetry.proto.logs.v1.LogRecord.Builder proto =
        io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
            .setTimeUnixNano(record.timestampNanos())
            .setObservedTimeUnixNano(record.observedTimestampNanos())
            .setSeverityNumber(SeverityNumber.forNumber(record.severity().number()))
            .setSeverityText(record.severityText())
            .addAllAttributes(keyValues(record.attributes()))
            .setFlags(record.flags());
    if (record.body().type() != AnyValue.Type.EMPTY) {
      proto.setBody(anyValue(record.body()));
    }
    if (record.traceId().isValid()) {
      proto.setTraceId(ByteString.copyFrom(record.traceId().toBytes()));
    }
    if (record.spanId().isValid()) {
      proto.setSpanId(ByteString.copyFrom(record.spanId().toBytes()));
    }
    return proto.build();
  }

  static List<KeyValue> keyValues(Attributes attributes) {
    List<KeyValue> keyValues = new ArrayList<>();
    attributes.forEach(
        (key, value) ->
            keyValues.add(KeyValue.newBuilder().setKey(key).setValue(anyValue(value)).build()));
    return keyValues;
  }

  static io.opentelemetry.proto.common.v1.AnyValue anyValue(AnyValue value) {
    io.opentelemetry.proto.common.v1.AnyValue.Builder proto =
        io.opentelemetry.proto.common.v1.AnyValue.newBuilder();
    if (value instanceof AnyValue.StringValue v) {
      proto.setStringValue(v.value());
    } else if (value instanceof AnyValue.BoolValue v) {
      proto.setBoolValue(v.value());
    } else if (value instanceof AnyValue.LongValue v) {
      proto.setIntValue(v.value());
    } else if (value instanceof AnyValue.DoubleValue v) {
      proto.setDoubleValue(v.value());
    } else if (value instanceof AnyValue.BytesValue v) {
      proto.setBytesValue(ByteString.copyFrom(v.value()));
    } else if (value instanceof AnyValue.ArrayValue v) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      v.values().forEach(element -> array.addValues(anyValue(element)));
      proto.setArrayValue(array);
    } else if (value instanceof AnyValue.KeyValueListValue v) {
      proto.setKvlistValue(KeyValueList.newBuilder().addAllValues(keyValues(v.values())));
    }
    return proto.build();
  }
}
