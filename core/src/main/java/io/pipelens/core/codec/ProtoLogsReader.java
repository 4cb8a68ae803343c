package io.pipelens.core.codec;

import static io.pipelens.core.codec.OtlpProtoFields.TAG_ANY_ARRAY;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_ANY_BOOL;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_ANY_BYTES;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_ANY_DOUBLE;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_ANY_INT;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_ANY_KVLIST;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_ANY_STRING;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_KEY_VALUE_KEY;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_KEY_VALUE_VALUE;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LIST_VALUES;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_ATTRIBUTES;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_BODY;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_FLAGS;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_OBSERVED_TIME_UNIX_NANO;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_SEVERITY_NUMBER;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_SEVERITY_TEXT;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_SPAN_ID;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_TIME_UNIX_NANO;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_LOG_TRACE_ID;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_REQUEST_RESOURCE_LOGS;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_RESOURCE_ATTRIBUTES;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_RESOURCE_LOGS_RESOURCE;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_RESOURCE_LOGS_SCOPE_LOGS;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_SCOPE_LOGS_LOG_RECORDS;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_SCOPE_LOGS_SCOPE;
import static io.pipelens.core.codec.OtlpProtoFields.TAG_SCOPE_NAME;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.TraceId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one OTLP {@code ExportLogsServiceRequest} straight into the record model, without building
 * the generated protobuf messages first.
 *
 * <p>It accepts what the generated parser accepts: fields in any order, unknown fields skipped, a
 * known field number with an unexpected wire type skipped as unknown, the last of a repeated
 * singular field winning. Beyond that it is lenient where a log pipeline should be (invalid UTF-8
 * becomes U+FFFD, a severity number outside 0..24 becomes {@link Severity#UNSPECIFIED}) and strict
 * where the data would be wrong (a trace or span id of the wrong length fails, as it does in the
 * Collector). Every failure is an {@link InvalidProtocolBufferException}.
 *
 * <p>Fields the record model has no place for are dropped: scope version and attributes, schema
 * URLs, dropped-attribute counts, entity refs and {@code event_name}.
 */
final class ProtoLogsReader {

  /**
   * How deep AnyValues may nest (arrays in arrays...), so hostile input cannot overflow the stack;
   * the generated parser has a similar recursion limit of 100 messages.
   */
  static final int MAX_VALUE_DEPTH = 100;

  private final CodedInputStream in;
  private final List<LogRecord> records = new ArrayList<>();
  // Records of the ResourceLogs being read: its resource may come after its records on the wire.
  private final List<LogRecord.Builder> pending = new ArrayList<>();

  ProtoLogsReader(CodedInputStream in) {
    this.in = in;
  }

  /** Reads the whole input as one request. */
  List<LogRecord> readRequest() throws IOException {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == TAG_REQUEST_RESOURCE_LOGS) {
        readResourceLogs();
      } else {
        skip(tag);
      }
    }
    return records;
  }

  private void readResourceLogs() throws IOException {
    int outerLimit = enterMessage();
    Resource resource = Resource.empty();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case TAG_RESOURCE_LOGS_RESOURCE:
          resource = readResource();
          break;
        case TAG_RESOURCE_LOGS_SCOPE_LOGS:
          readScopeLogs();
          break;
        default:
          skip(tag);
      }
    }
    in.popLimit(outerLimit);
    for (LogRecord.Builder record : pending) {
      records.add(record.resource(resource).build());
    }
    pending.clear();
  }

  private Resource readResource() throws IOException {
    int outerLimit = enterMessage();
    Attributes.Builder attributes = Attributes.builder();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == TAG_RESOURCE_ATTRIBUTES) {
        readKeyValue(attributes, 1);
      } else {
        skip(tag);
      }
    }
    in.popLimit(outerLimit);
    return Resource.of(attributes.build());
  }

  private void readScopeLogs() throws IOException {
    int outerLimit = enterMessage();
    int first = pending.size();
    String scopeName = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case TAG_SCOPE_LOGS_SCOPE:
          scopeName = readScopeName();
          break;
        case TAG_SCOPE_LOGS_LOG_RECORDS:
          pending.add(readLogRecord());
          break;
        default:
          skip(tag);
      }
    }
    in.popLimit(outerLimit);
    if (!scopeName.isEmpty()) {
      for (int i = first; i < pending.size(); i++) {
        pending.get(i).scopeName(scopeName);
      }
    }
  }

  private String readScopeName() throws IOException {
    int outerLimit = enterMessage();
    String name = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == TAG_SCOPE_NAME) {
        name = in.readString();
      } else {
        skip(tag);
      }
    }
    in.popLimit(outerLimit);
    return name;
  }

  private LogRecord.Builder readLogRecord() throws IOException {
    int outerLimit = enterMessage();
    LogRecord.Builder record = LogRecord.builder();
    Attributes.Builder attributes = null; // most records have attributes, but not all
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case TAG_LOG_TIME_UNIX_NANO:
          record.timestampNanos(in.readFixed64());
          break;
        case TAG_LOG_SEVERITY_NUMBER:
          record.severity(severity(in.readEnum()));
          break;
        case TAG_LOG_SEVERITY_TEXT:
          record.severityText(in.readString());
          break;
        case TAG_LOG_BODY:
          record.body(readAnyValue(1));
          break;
        case TAG_LOG_ATTRIBUTES:
          if (attributes == null) {
            attributes = Attributes.builder();
          }
          readKeyValue(attributes, 1);
          break;
        case TAG_LOG_FLAGS:
          record.flags(in.readFixed32());
          break;
        case TAG_LOG_TRACE_ID:
          record.traceId(readTraceId());
          break;
        case TAG_LOG_SPAN_ID:
          record.spanId(readSpanId());
          break;
        case TAG_LOG_OBSERVED_TIME_UNIX_NANO:
          record.observedTimestampNanos(in.readFixed64());
          break;
        default:
          skip(tag);
      }
    }
    in.popLimit(outerLimit);
    if (attributes != null) {
      record.attributes(attributes.build());
    }
    return record;
  }

  private static Severity severity(int number) {
    // Proto3 enums are open, so any number can arrive; one the model has no name for is unknown.
    return number >= 0 && number <= Severity.FATAL4.number()
        ? Severity.fromNumber(number)
        : Severity.UNSPECIFIED;
  }

  private TraceId readTraceId() throws IOException {
    int length = in.readRawVarint32();
    if (length == 0) {
      return TraceId.INVALID;
    }
    if (length != TraceId.LENGTH) {
      throw new InvalidProtocolBufferException(
          "trace_id must be " + TraceId.LENGTH + " bytes, got " + length);
    }
    // Ids are big-endian, fixed64 little-endian: read and swap, no array needed.
    long high = Long.reverseBytes(in.readFixed64());
    long low = Long.reverseBytes(in.readFixed64());
    return new TraceId(high, low);
  }

  private SpanId readSpanId() throws IOException {
    int length = in.readRawVarint32();
    if (length == 0) {
      return SpanId.INVALID;
    }
    if (length != SpanId.LENGTH) {
      throw new InvalidProtocolBufferException(
          "span_id must be " + SpanId.LENGTH + " bytes, got " + length);
    }
    return new SpanId(Long.reverseBytes(in.readFixed64()));
  }

  private void readKeyValue(Attributes.Builder target, int depth) throws IOException {
    int outerLimit = enterMessage();
    String key = "";
    AnyValue value = AnyValue.empty();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case TAG_KEY_VALUE_KEY:
          key = in.readString();
          break;
        case TAG_KEY_VALUE_VALUE:
          value = readAnyValue(depth);
          break;
        default:
          skip(tag);
      }
    }
    in.popLimit(outerLimit);
    target.put(key, value);
  }

  private AnyValue readAnyValue(int depth) throws IOException {
    if (depth > MAX_VALUE_DEPTH) {
      throw new InvalidProtocolBufferException(
          "AnyValue nested deeper than " + MAX_VALUE_DEPTH + " levels");
    }
    int outerLimit = enterMessage();
    AnyValue value = AnyValue.empty();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case TAG_ANY_STRING:
          value = stringValue(in.readByteArray());
          break;
        case TAG_ANY_BOOL:
          value = AnyValue.of(in.readBool());
          break;
        case TAG_ANY_INT:
          value = AnyValue.of(in.readInt64());
          break;
        case TAG_ANY_DOUBLE:
          value = AnyValue.of(in.readDouble());
          break;
        case TAG_ANY_ARRAY:
          value = readArray(depth + 1);
          break;
        case TAG_ANY_KVLIST:
          value = readKeyValueList(depth + 1);
          break;
        case TAG_ANY_BYTES:
          value = AnyValue.of(in.readByteArray());
          break;
        default:
          skip(tag);
      }
    }
    in.popLimit(outerLimit);
    return value;
  }

  /**
   * A string value kept as the UTF-8 it came in, so an encoder that writes UTF-8 (the collector's
   * JSON) copies it instead of decoding it here and encoding it again there; it becomes a {@code
   * String} only if someone asks for one. Invalid UTF-8 is decoded at once, to U+FFFD, as {@code
   * readString} would.
   */
  private static AnyValue stringValue(byte[] utf8) {
    return Utf8Validation.isWellFormed(utf8) ? AnyValue.ofUtf8(utf8, 0, utf8.length)
        : AnyValue.of(new String(utf8, StandardCharsets.UTF_8));
  }

  private AnyValue readArray(int depth) throws IOException {
    int outerLimit = enterMessage();
    List<AnyValue> values = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == TAG_LIST_VALUES) {
        values.add(readAnyValue(depth));
      } else {
        skip(tag);
      }
    }
    in.popLimit(outerLimit);
    return AnyValue.of(values);
  }

  private AnyValue readKeyValueList(int depth) throws IOException {
    int outerLimit = enterMessage();
    Attributes.Builder values = Attributes.builder();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == TAG_LIST_VALUES) {
        readKeyValue(values, depth);
      } else {
        skip(tag);
      }
    }
    in.popLimit(outerLimit);
    return AnyValue.of(values.build());
  }

  /** Reads a length prefix and limits reading to that message; returns the limit to restore. */
  private int enterMessage() throws IOException {
    return in.pushLimit(in.readRawVarint32());
  }

  private void skip(int tag) throws IOException {
    if (!in.skipField(tag)) {
      throw new InvalidProtocolBufferException("Unexpected end-group tag");
    }
  }
}
