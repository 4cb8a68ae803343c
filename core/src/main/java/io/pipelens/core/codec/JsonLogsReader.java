package io.pipelens.core.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.TraceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads one OTLP/JSON {@code ExportLogsServiceRequest} into the record model.
 *
 * <p>Accepts what the protobuf JSON mapping allows a parser to accept, not only what {@link
 * JsonLogsWriter} writes: keys in lowerCamelCase or as in the .proto (snake_case), members in any
 * order, null for a default value, unknown keys ignored, 64-bit integers as strings or numbers,
 * severity numbers as numbers or enum names, bytes in standard or URL-safe base64. Trace and span
 * ids are hex, as OTLP/JSON requires. Every failure is a {@link JsonParseException} that names
 * where it happened.
 */
final class JsonLogsReader {

  /** How deep AnyValues may nest; see {@link ProtoLogsReader#MAX_VALUE_DEPTH}. */
  private static final int MAX_VALUE_DEPTH = ProtoLogsReader.MAX_VALUE_DEPTH;

  private static final String SEVERITY_ENUM_PREFIX = "SEVERITY_NUMBER_";

  private final JsonParser json;
  private final List<LogRecord> records = new ArrayList<>();
  // Records of the ResourceLogs being read: its resource may come after its records.
  private final List<LogRecord.Builder> pending = new ArrayList<>();

  JsonLogsReader(JsonParser json) {
    this.json = json;
  }

  /** Reads the whole input as one request. */
  List<LogRecord> readRequest() throws IOException {
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw corrupt("Expected a JSON object");
    }
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case "resourceLogs":
        case "resource_logs":
          readList(this::readResourceLogs);
          break;
        default:
          json.skipChildren();
      }
    }
    if (json.nextToken() != null) {
      throw corrupt("Unexpected content after the request object");
    }
    return records;
  }

  private void readResourceLogs() throws IOException {
    expectObject();
    Resource resource = Resource.empty();
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case "resource":
          resource = readResource();
          break;
        case "scopeLogs":
        case "scope_logs":
          readList(this::readScopeLogs);
          break;
        default:
          json.skipChildren();
      }
    }
    for (LogRecord.Builder record : pending) {
      records.add(record.resource(resource).build());
    }
    pending.clear();
  }

  private Resource readResource() throws IOException {
    expectObject();
    Attributes.Builder attributes = Attributes.builder();
    for (String field = nextField(); field != null; field = nextField()) {
      if (field.equals("attributes")) {
        readList(() -> readKeyValue(attributes, 1));
      } else {
        json.skipChildren();
      }
    }
    return Resource.of(attributes.build());
  }

  private void readScopeLogs() throws IOException {
    expectObject();
    int first = pending.size();
    String scopeName = "";
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case "scope":
          scopeName = readScopeName();
          break;
        case "logRecords":
        case "log_records":
          readList(() -> pending.add(readLogRecord()));
          break;
        default:
          json.skipChildren();
      }
    }
    if (!scopeName.isEmpty()) {
      for (int i = first; i < pending.size(); i++) {
        pending.get(i).scopeName(scopeName);
      }
    }
  }

  private String readScopeName() throws IOException {
    expectObject();
    String name = "";
    for (String field = nextField(); field != null; field = nextField()) {
      if (field.equals("name")) {
        name = readString();
      } else {
        json.skipChildren();
      }
    }
    return name;
  }

  private LogRecord.Builder readLogRecord() throws IOException {
    expectObject();
    LogRecord.Builder record = LogRecord.builder();
    Attributes.Builder attributes = null;
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case "timeUnixNano":
        case "time_unix_nano":
          record.timestampNanos(readUnsignedLong());
          break;
        case "observedTimeUnixNano":
        case "observed_time_unix_nano":
          record.observedTimestampNanos(readUnsignedLong());
          break;
        case "severityNumber":
        case "severity_number":
          record.severity(readSeverity());
          break;
        case "severityText":
        case "severity_text":
          record.severityText(readString());
          break;
        case "body":
          record.body(readAnyValue(1));
          break;
        case "attributes":
          if (attributes == null) {
            attributes = Attributes.builder();
          }
          Attributes.Builder target = attributes;
          readList(() -> readKeyValue(target, 1));
          break;
        case "flags":
          record.flags(readUnsignedInt());
          break;
        case "traceId":
        case "trace_id":
          record.traceId(readTraceId());
          break;
        case "spanId":
        case "span_id":
          record.spanId(readSpanId());
          break;
        default:
          json.skipChildren();
      }
    }
    if (attributes != null) {
      record.attributes(attributes.build());
    }
    return record;
  }

  private void readKeyValue(Attributes.Builder target, int depth) throws IOException {
    expectObject();
    String key = "";
    AnyValue value = AnyValue.empty();
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case "key":
          key = readString();
          break;
        case "value":
          value = readAnyValue(depth);
          break;
        default:
          json.skipChildren();
      }
    }
    target.put(key, value);
  }

  private AnyValue readAnyValue(int depth) throws IOException {
    if (depth > MAX_VALUE_DEPTH) {
      throw corrupt("AnyValue nested deeper than " + MAX_VALUE_DEPTH + " levels");
    }
    expectObject();
    AnyValue value = AnyValue.empty();
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case "stringValue":
        case "string_value":
          value = AnyValue.of(readString());
          break;
        case "boolValue":
        case "bool_value":
          value = AnyValue.of(readBoolean());
          break;
        case "intValue":
        case "int_value":
          value = AnyValue.of(readSignedLong());
          break;
        case "doubleValue":
        case "double_value":
          value = AnyValue.of(readDouble());
          break;
        case "bytesValue":
        case "bytes_value":
          value = AnyValue.of(readBase64());
          break;
        case "arrayValue":
        case "array_value":
          value = readArray(depth + 1);
          break;
        case "kvlistValue":
        case "kvlist_value":
          value = readKeyValueList(depth + 1);
          break;
        default:
          json.skipChildren();
      }
    }
    return value;
  }

  private AnyValue readArray(int depth) throws IOException {
    expectObject();
    List<AnyValue> values = new ArrayList<>();
    for (String field = nextField(); field != null; field = nextField()) {
      if (field.equals("values")) {
        readList(() -> values.add(readAnyValue(depth)));
      } else {
        json.skipChildren();
      }
    }
    return AnyValue.of(values);
  }

  private AnyValue readKeyValueList(int depth) throws IOException {
    expectObject();
    Attributes.Builder values = Attributes.builder();
    for (String field = nextField(); field != null; field = nextField()) {
      if (field.equals("values")) {
        readList(() -> readKeyValue(values, depth));
      } else {
        json.skipChildren();
      }
    }
    return AnyValue.of(values.build());
  }

  // ---- JSON structure ----

  /** Reads one element; the parser is on its first token. */
  @FunctionalInterface
  private interface ElementReader {
    void read() throws IOException;
  }

  /**
   * Moves to the next member of the current object and then onto its value, skipping members whose
   * value is null (the mapping's way of writing a default). Null at the end of the object.
   */
  private String nextField() throws IOException {
    while (true) {
      JsonToken token = json.nextToken();
      if (token == JsonToken.END_OBJECT) {
        return null;
      }
      if (token != JsonToken.FIELD_NAME) {
        throw corrupt("Expected a member name, got " + token);
      }
      String name = json.currentName();
      if (json.nextToken() != JsonToken.VALUE_NULL) {
        return name;
      }
    }
  }

  private void expectObject() throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw corrupt("Expected a JSON object, got " + json.currentToken());
    }
  }

  private void readList(ElementReader element) throws IOException {
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw corrupt("Expected a JSON array, got " + json.currentToken());
    }
    for (JsonToken token = json.nextToken();
        token != JsonToken.END_ARRAY;
        token = json.nextToken()) {
      if (token == null) {
        throw corrupt("Unexpected end of input in an array");
      }
      element.read();
    }
  }

  // ---- scalars ----

  private String readString() throws IOException {
    if (json.currentToken() != JsonToken.VALUE_STRING) {
      throw corrupt("Expected a string, got " + json.currentToken());
    }
    return json.getText();
  }

  private boolean readBoolean() throws IOException {
    JsonToken token = json.currentToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw corrupt("Expected true or false, got " + token);
    }
    return token == JsonToken.VALUE_TRUE;
  }

  /** An int64: a number, or a decimal string as OTLP/JSON writes it. */
  private long readSignedLong() throws IOException {
    String text = integerText();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw corrupt("Not a 64-bit integer: " + text);
    }
  }

  /** A fixed64: like an int64, but unsigned. */
  private long readUnsignedLong() throws IOException {
    String text = integerText();
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw corrupt("Not an unsigned 64-bit integer: " + text);
    }
  }

  private int readUnsignedInt() throws IOException {
    String text = integerText();
    try {
      return Integer.parseUnsignedInt(text);
    } catch (NumberFormatException e) {
      throw corrupt("Not an unsigned 32-bit integer: " + text);
    }
  }

  private String integerText() throws IOException {
    JsonToken token = json.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_STRING) {
      throw corrupt("Expected an integer, got " + token);
    }
    return json.getText();
  }

  private double readDouble() throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return json.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = json.getText();
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw corrupt("Not a number: " + text);
          }
      }
    }
    throw corrupt("Expected a number, got " + token);
  }

  private byte[] readBase64() throws IOException {
    String text = readString();
    try {
      // The mapping lets writers use either alphabet; the URL-safe one only swaps two characters.
      return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw corrupt("Not base64: " + e.getMessage());
    }
  }

  private Severity readSeverity() throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_STRING && json.getText().startsWith(SEVERITY_ENUM_PREFIX)) {
      String name = json.getText().substring(SEVERITY_ENUM_PREFIX.length());
      try {
        return Severity.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw corrupt("Unknown severity number name: " + json.getText());
      }
    }
    long number = readSignedLong();
    // Open enum, as in the protobuf reader: a number without a name is unknown, not an error.
    return number >= 0 && number <= Severity.FATAL4.number()
        ? Severity.fromNumber((int) number)
        : Severity.UNSPECIFIED;
  }

  private TraceId readTraceId() throws IOException {
    String hex = readString();
    if (hex.isEmpty()) {
      return TraceId.INVALID;
    }
    try {
      return TraceId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw corrupt("traceId: " + e.getMessage());
    }
  }

  private SpanId readSpanId() throws IOException {
    String hex = readString();
    if (hex.isEmpty()) {
      return SpanId.INVALID;
    }
    try {
      return SpanId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw corrupt("spanId: " + e.getMessage());
    }
  }

  private JsonParseException corrupt(String message) {
    return new JsonParseException(json, message);
  }
}
