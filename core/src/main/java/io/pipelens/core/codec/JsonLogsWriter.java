package io.pipelens.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelens.core.codec.ResourceGroups.ResourceGroup;
import io.pipelens.core.codec.ResourceGroups.ScopeGroup;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Writes one batch as OTLP/JSON: the protobuf JSON mapping of {@code ExportLogsServiceRequest} with
 * OTLP's own rules (lowerCamelCase keys, trace and span ids as hex, enums as numbers, 64-bit
 * integers as decimal strings, default values left out). Same nesting as {@link ProtoLogsWriter}.
 */
final class JsonLogsWriter {

  private final JsonGenerator json;

  JsonLogsWriter(JsonGenerator json) {
    this.json = json;
  }

  void write(List<LogRecord> records) throws IOException {
    List<ResourceGroup> groups = ResourceGroups.of(records);
    json.writeStartObject();
    if (!groups.isEmpty()) {
      json.writeArrayFieldStart("resourceLogs");
      for (ResourceGroup group : groups) {
        writeResourceLogs(group);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void writeResourceLogs(ResourceGroup group) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("resource");
    writeKeyValues("attributes", group.resource.attributes());
    json.writeEndObject();
    json.writeArrayFieldStart("scopeLogs");
    for (ScopeGroup scope : group.scopes) {
      json.writeStartObject();
      json.writeObjectFieldStart("scope");
      if (!scope.scopeName.isEmpty()) {
        json.writeStringField("name", scope.scopeName);
      }
      json.writeEndObject();
      json.writeArrayFieldStart("logRecords");
      for (LogRecord record : scope.records) {
        writeLogRecord(record);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void writeLogRecord(LogRecord record) throws IOException {
    json.writeStartObject();
    if (record.timestampNanos() != 0) {
      // fixed64: unsigned on the wire, so unsigned here too.
      json.writeStringField("timeUnixNano", Long.toUnsignedString(record.timestampNanos()));
    }
    if (record.observedTimestampNanos() != 0) {
      json.writeStringField(
          "observedTimeUnixNano", Long.toUnsignedString(record.observedTimestampNanos()));
    }
    if (record.severity().number() != 0) {
      json.writeNumberField("severityNumber", record.severity().number());
    }
    if (!record.severityText().isEmpty()) {
      json.writeStringField("severityText", record.severityText());
    }
    if (record.body().type() != AnyValue.Type.EMPTY) {
      json.writeFieldName("body");
      writeAnyValue(record.body());
    }
    writeKeyValues("attributes", record.attributes());
    if (record.flags() != 0) {
      json.writeNumberField("flags", Integer.toUnsignedLong(record.flags()));
    }
    if (record.traceId().isValid()) {
      json.writeStringField("traceId", record.traceId().toHex());
    }
    if (record.spanId().isValid()) {
      json.writeStringField("spanId", record.spanId().toHex());
    }
    json.writeEndObject();
  }

  private void writeKeyValues(String fieldName, Attributes attributes) throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(fieldName);
    for (int i = 0; i < attributes.size(); i++) {
      json.writeStartObject();
      String key = attributes.keyAt(i);
      if (!key.isEmpty()) {
        json.writeStringField("key", key);
      }
      json.writeFieldName("value");
      writeAnyValue(attributes.valueAt(i));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeAnyValue(AnyValue value) throws IOException {
    json.writeStartObject();
    switch (value.type()) {
      case EMPTY:
        break;
      case STRING:
        json.writeStringField("stringValue", ((AnyValue.StringValue) value).value());
        break;
      case BOOL:
        json.writeBooleanField("boolValue", ((AnyValue.BoolValue) value).value());
        break;
      case LONG:
        json.writeStringField("intValue", Long.toString(((AnyValue.LongValue) value).value()));
        break;
      case DOUBLE:
        writeDouble(((AnyValue.DoubleValue) value).value());
        break;
      case BYTES:
        json.writeStringField(
            "bytesValue",
            Base64.getEncoder().encodeToString(((AnyValue.BytesValue) value).value()));
        break;
      case ARRAY:
        json.writeObjectFieldStart("arrayValue");
        List<AnyValue> values = ((AnyValue.ArrayValue) value).values();
        if (!values.isEmpty()) {
          json.writeArrayFieldStart("values");
          for (AnyValue element : values) {
            writeAnyValue(element);
          }
          json.writeEndArray();
        }
        json.writeEndObject();
        break;
      case KEY_VALUE_LIST:
        json.writeObjectFieldStart("kvlistValue");
        writeKeyValues("values", ((AnyValue.KeyValueListValue) value).values());
        json.writeEndObject();
        break;
      default:
        throw new AssertionError(value.type());
    }
    json.writeEndObject();
  }

  private void writeDouble(double value) throws IOException {
    // JSON has no NaN or infinities; the protobuf JSON mapping spells them as strings.
    if (Double.isNaN(value)) {
      json.writeStringField("doubleValue", "NaN");
    } else if (Double.isInfinite(value)) {
      json.writeStringField("doubleValue", value > 0 ? "Infinity" : "-Infinity");
    } else {
      json.writeNumberField("doubleValue", value);
    }
  }
}
