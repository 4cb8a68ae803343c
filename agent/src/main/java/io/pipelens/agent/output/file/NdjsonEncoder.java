package io.pipelens.agent.output.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Writes records as NDJSON: one JSON object per record and line, UTF-8, in this shape:
 *
 * <pre>{@code
 * {"time_unix_nano":1700000000000000000,"observed_time_unix_nano":1700000000100000000,
 *  "severity_number":9,"severity_text":"INFO","body":"the message",
 *  "attributes":{"log.file.path":"/var/log/app.log","log.offset":1234,"pipelens.stream":"engine"},
 *  "resource":{"k8s.pod.name":"driver-0"}}
 * }</pre>
 *
 * (on one line). The seven fields above are always there; {@code scope_name}, {@code trace_id},
 * {@code span_id} (hex) and {@code flags} follow when set. {@code body} is always a string: a
 * string body as it is, any other value rendered as JSON text, an empty body as {@code ""}.
 * Attribute values keep their JSON type: integers and doubles are numbers (a non-finite double is
 * the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}), bytes are base64 strings,
 * arrays and key-value lists nest. Times are integers of nanoseconds; JavaScript readers lose
 * their last digits, as they do with every 64-bit integer.
 *
 * <p>Control characters, quotes and backslashes are escaped; other characters are written as
 * UTF-8. A lone UTF-16 surrogate, which has no UTF-8 form, becomes U+FFFD.
 */
final class NdjsonEncoder {

  // Emoji and other characters beyond the BMP as 4-byte UTF-8, not as escaped surrogate pairs.
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private final boolean pretty;

  /** Encodes one line per record, or indented multi-line objects when {@code pretty}. */
  NdjsonEncoder(boolean pretty) {
    this.pretty = pretty;
  }

  /** The lines of {@code records}, each ending in {@code \n}. */
  byte[] encode(List<LogRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(null);
      if (pretty) {
        json.setPrettyPrinter(new DefaultPrettyPrinter());
      }
      for (LogRecord record : records) {
        writeRecord(json, record);
        json.flush();
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing JSON into memory failed", e);
    }
    return out.toByteArray();
  }

  private static void writeRecord(JsonGenerator json, LogRecord record) throws IOException {
    json.writeStartObject();
    json.writeNumberField("time_unix_nano", record.timestampNanos());
    json.writeNumberField("observed_time_unix_nano", record.observedTimestampNanos());
    json.writeNumberField("severity_number", record.severity().number());
    json.writeStringField("severity_text", safe(record.severityText()));
    json.writeStringField("body", bodyText(record.body()));
    json.writeFieldName("attributes");
    writeObject(json, record.attributes());
    json.writeFieldName("resource");
    writeObject(json, record.resource().attributes());
    if (!record.scopeName().isEmpty()) {
      json.writeStringField("scope_name", safe(record.scopeName()));
    }
    if (record.traceId().isValid()) {
      json.writeStringField("trace_id", record.traceId().toHex());
    }
    if (record.spanId().isValid()) {
      json.writeStringField("span_id", record.spanId().toHex());
    }
    if (record.flags() != 0) {
      json.writeNumberField("flags", Integer.toUnsignedLong(record.flags()));
    }
    json.writeEndObject();
  }

  private static String bodyText(AnyValue body) throws IOException {
    switch (body.type()) {
      case EMPTY:
        return "";
      case STRING:
        return safe(((AnyValue.StringValue) body).value());
      default:
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
          writeValue(json, body);
        }
        return text.toString();
    }
  }

  private static void writeObject(JsonGenerator json, Attributes attributes) throws IOException {
    json.writeStartObject();
    for (int i = 0; i < attributes.size(); i++) {
      json.writeFieldName(safe(attributes.keyAt(i)));
      writeValue(json, attributes.valueAt(i));
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, AnyValue value) throws IOException {
    switch (value.type()) {
      case EMPTY -> json.writeNull();
      case STRING -> json.writeString(safe(((AnyValue.StringValue) value).value()));
      case BOOL -> json.writeBoolean(((AnyValue.BoolValue) value).value());
      case LONG -> json.writeNumber(((AnyValue.LongValue) value).value());
      case DOUBLE -> {
        double number = ((AnyValue.DoubleValue) value).value();
        if (Double.isFinite(number)) {
          json.writeNumber(number);
        } else {
          json.writeString(Double.toString(number));
        }
      }
      case BYTES ->
          json.writeString(Base64.getEncoder().encodeToString(((AnyValue.BytesValue) value).value()));
      case ARRAY -> {
        json.writeStartArray();
        for (AnyValue element : ((AnyValue.ArrayValue) value).values()) {
          writeValue(json, element);
        }
        json.writeEndArray();
      }
      case KEY_VALUE_LIST -> writeObject(json, ((AnyValue.KeyValueListValue) value).values());
    }
  }

  /** {@code text} with every lone surrogate replaced by U+FFFD; the same instance when there is none. */
  static String safe(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return replaceLoneSurrogates(text);
      }
    }
    return text;
  }

  private static String replaceLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
