package io.pipelens.core.codec;

import static io.pipelens.core.codec.OtlpProtoFields.ANY_ARRAY;
import static io.pipelens.core.codec.OtlpProtoFields.ANY_BOOL;
import static io.pipelens.core.codec.OtlpProtoFields.ANY_BYTES;
import static io.pipelens.core.codec.OtlpProtoFields.ANY_DOUBLE;
import static io.pipelens.core.codec.OtlpProtoFields.ANY_INT;
import static io.pipelens.core.codec.OtlpProtoFields.ANY_KVLIST;
import static io.pipelens.core.codec.OtlpProtoFields.ANY_STRING;
import static io.pipelens.core.codec.OtlpProtoFields.KEY_VALUE_KEY;
import static io.pipelens.core.codec.OtlpProtoFields.KEY_VALUE_VALUE;
import static io.pipelens.core.codec.OtlpProtoFields.LIST_VALUES;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_ATTRIBUTES;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_BODY;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_FLAGS;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_OBSERVED_TIME_UNIX_NANO;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_SEVERITY_NUMBER;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_SEVERITY_TEXT;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_SPAN_ID;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_TIME_UNIX_NANO;
import static io.pipelens.core.codec.OtlpProtoFields.LOG_TRACE_ID;
import static io.pipelens.core.codec.OtlpProtoFields.REQUEST_RESOURCE_LOGS;
import static io.pipelens.core.codec.OtlpProtoFields.RESOURCE_ATTRIBUTES;
import static io.pipelens.core.codec.OtlpProtoFields.RESOURCE_LOGS_RESOURCE;
import static io.pipelens.core.codec.OtlpProtoFields.RESOURCE_LOGS_SCOPE_LOGS;
import static io.pipelens.core.codec.OtlpProtoFields.SCOPE_LOGS_LOG_RECORDS;
import static io.pipelens.core.codec.OtlpProtoFields.SCOPE_LOGS_SCOPE;
import static io.pipelens.core.codec.OtlpProtoFields.SCOPE_NAME;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.pipelens.core.codec.ResourceGroups.ResourceGroup;
import io.pipelens.core.codec.ResourceGroups.ScopeGroup;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.SpanId;
import io.pipelens.core.record.TraceId;
import java.io.IOException;
import java.util.List;

/**
 * Writes one batch as an OTLP {@code ExportLogsServiceRequest} straight from the record model,
 * without building the generated protobuf messages first (which would copy every string and
 * attribute once more).
 *
 * <p>The output is byte for byte what the generated classes write for the same content: fields in
 * field-number order, proto3 defaults (0, empty string) left out, oneof fields of {@code AnyValue}
 * always written, and {@code resource} and {@code scope} always present. A record whose body is
 * {@link AnyValue#empty()} has no {@code body} field.
 *
 * <p>Two passes: {@link #ProtoLogsWriter sizing} fills a {@link SizeCache}, then {@link #writeTo}
 * walks the batch again in the same order. Every sizeX method has a writeX twin that must visit the
 * same messages in the same order.
 */
final class ProtoLogsWriter {

  private final List<ResourceGroup> groups;
  private final SizeCache sizes;
  private final Utf8Strings strings;
  private final int serializedSize;

  /**
   * Sizes the batch; cheap to keep until {@link #writeTo} since nothing is copied. {@code scratch}
   * is this writer's until {@link #writeTo} returns.
   */
  ProtoLogsWriter(List<LogRecord> records, EncoderScratch scratch) {
    this.sizes = scratch.sizes;
    this.strings = scratch.strings;
    this.groups = ResourceGroups.of(records);
    long size = 0;
    for (ResourceGroup group : groups) {
      size += lengthDelimited(REQUEST_RESOURCE_LOGS, sizeResourceLogs(group));
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Batch too large for protobuf's 2 GiB message limit");
    }
    this.serializedSize = (int) size;
  }

  /** The number of bytes {@link #writeTo} writes. */
  int serializedSize() {
    return serializedSize;
  }

  /** Writes the request; call once. */
  void writeTo(CodedOutputStream out) throws IOException {
    for (ResourceGroup group : groups) {
      startMessage(out, REQUEST_RESOURCE_LOGS);
      writeResourceLogs(out, group);
    }
  }

  // ---- sizing ----

  private int sizeResourceLogs(ResourceGroup group) {
    int slot = sizes.reserve();
    long size = lengthDelimited(RESOURCE_LOGS_RESOURCE, sizeResource(group.resource));
    for (ScopeGroup scope : group.scopes) {
      size += lengthDelimited(RESOURCE_LOGS_SCOPE_LOGS, sizeScopeLogs(scope));
    }
    return sizes.set(slot, size);
  }

  private int sizeResource(Resource resource) {
    int slot = sizes.reserve();
    return sizes.set(slot, sizeKeyValues(RESOURCE_ATTRIBUTES, resource.attributes()));
  }

  private int sizeScopeLogs(ScopeGroup scope) {
    int slot = sizes.reserve();
    long size = lengthDelimited(SCOPE_LOGS_SCOPE, sizeScope(scope.scopeName));
    for (LogRecord record : scope.records) {
      size += lengthDelimited(SCOPE_LOGS_LOG_RECORDS, sizeLogRecord(record));
    }
    return sizes.set(slot, size);
  }

  private int sizeScope(String name) {
    int slot = sizes.reserve();
    return sizes.set(slot, name.isEmpty() ? 0 : stringSize(SCOPE_NAME, name));
  }

  private int sizeLogRecord(LogRecord record) {
    int slot = sizes.reserve();
    long size = 0;
    if (record.timestampNanos() != 0) {
      size += CodedOutputStream.computeFixed64Size(LOG_TIME_UNIX_NANO, record.timestampNanos());
    }
    if (record.severity().number() != 0) {
      size += CodedOutputStream.computeEnumSize(LOG_SEVERITY_NUMBER, record.severity().number());
    }
    if (!record.severityText().isEmpty()) {
      size += stringSize(LOG_SEVERITY_TEXT, record.severityText());
    }
    if (record.body().type() != AnyValue.Type.EMPTY) {
      size += lengthDelimited(LOG_BODY, sizeAnyValue(record.body()));
    }
    size += sizeKeyValues(LOG_ATTRIBUTES, record.attributes());
    if (record.flags() != 0) {
      size += CodedOutputStream.computeFixed32Size(LOG_FLAGS, record.flags());
    }
    if (record.traceId().isValid()) {
      size += lengthDelimited(LOG_TRACE_ID, TraceId.LENGTH);
    }
    if (record.spanId().isValid()) {
      size += lengthDelimited(LOG_SPAN_ID, SpanId.LENGTH);
    }
    if (record.observedTimestampNanos() != 0) {
      size +=
          CodedOutputStream.computeFixed64Size(
              LOG_OBSERVED_TIME_UNIX_NANO, record.observedTimestampNanos());
    }
    return sizes.set(slot, size);
  }

  /** The size of {@code attributes} as a repeated KeyValue field; reserves no slot itself. */
  private long sizeKeyValues(int fieldNumber, Attributes attributes) {
    long size = 0;
    for (int i = 0; i < attributes.size(); i++) {
      size +=
          lengthDelimited(fieldNumber, sizeKeyValue(attributes.keyAt(i), attributes.valueAt(i)));
    }
    return size;
  }

  private int sizeKeyValue(String key, AnyValue value) {
    int slot = sizes.reserve();
    long size = key.isEmpty() ? 0 : stringSize(KEY_VALUE_KEY, key);
    size += lengthDelimited(KEY_VALUE_VALUE, sizeAnyValue(value));
    return sizes.set(slot, size);
  }

  private int sizeAnyValue(AnyValue value) {
    int slot = sizes.reserve();
    long size;
    switch (value.type()) {
      case EMPTY:
        size = 0;
        break;
      case STRING:
        // The value's UTF-8 as it is: a log line read as bytes is never decoded on its way out.
        size = lengthDelimited(ANY_STRING, ((AnyValue.StringValue) value).utf8().length);
        break;
      case BOOL:
        size = CodedOutputStream.computeBoolSize(ANY_BOOL, ((AnyValue.BoolValue) value).value());
        break;
      case LONG:
        size = CodedOutputStream.computeInt64Size(ANY_INT, ((AnyValue.LongValue) value).value());
        break;
      case DOUBLE:
        size =
            CodedOutputStream.computeDoubleSize(ANY_DOUBLE, ((AnyValue.DoubleValue) value).value());
        break;
      case BYTES:
        size = lengthDelimited(ANY_BYTES, ((AnyValue.BytesValue) value).length());
        break;
      case ARRAY:
        size = lengthDelimited(ANY_ARRAY, sizeArray(((AnyValue.ArrayValue) value).values()));
        break;
      case KEY_VALUE_LIST:
        size =
            lengthDelimited(
                ANY_KVLIST, sizeKeyValueList(((AnyValue.KeyValueListValue) value).values()));
        break;
      default:
        throw new AssertionError(value.type());
    }
    return sizes.set(slot, size);
  }

  private int sizeArray(List<AnyValue> values) {
    int slot = sizes.reserve();
    long size = 0;
    for (AnyValue element : values) {
      size += lengthDelimited(LIST_VALUES, sizeAnyValue(element));
    }
    return sizes.set(slot, size);
  }

  private int sizeKeyValueList(Attributes values) {
    int slot = sizes.reserve();
    return sizes.set(slot, sizeKeyValues(LIST_VALUES, values));
  }

  /** A string field's size, from the UTF-8 that {@link #writeString} writes. */
  private int stringSize(int fieldNumber, String value) {
    return lengthDelimited(fieldNumber, strings.utf8(value).length);
  }

  private static int lengthDelimited(int fieldNumber, int contentSize) {
    return CodedOutputStream.computeTagSize(fieldNumber)
        + CodedOutputStream.computeUInt32SizeNoTag(contentSize)
        + contentSize;
  }

  // ---- writing: the same walk, in the same order ----

  private void startMessage(CodedOutputStream out, int fieldNumber) throws IOException {
    out.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(sizes.next());
  }

  private void writeResourceLogs(CodedOutputStream out, ResourceGroup group) throws IOException {
    startMessage(out, RESOURCE_LOGS_RESOURCE);
    writeKeyValues(out, RESOURCE_ATTRIBUTES, group.resource.attributes());
    for (ScopeGroup scope : group.scopes) {
      startMessage(out, RESOURCE_LOGS_SCOPE_LOGS);
      writeScopeLogs(out, scope);
    }
  }

  private void writeScopeLogs(CodedOutputStream out, ScopeGroup scope) throws IOException {
    startMessage(out, SCOPE_LOGS_SCOPE);
    if (!scope.scopeName.isEmpty()) {
      writeString(out, SCOPE_NAME, scope.scopeName);
    }
    for (LogRecord record : scope.records) {
      startMessage(out, SCOPE_LOGS_LOG_RECORDS);
      writeLogRecord(out, record);
    }
  }

  private void writeLogRecord(CodedOutputStream out, LogRecord record) throws IOException {
    if (record.timestampNanos() != 0) {
      out.writeFixed64(LOG_TIME_UNIX_NANO, record.timestampNanos());
    }
    if (record.severity().number() != 0) {
      out.writeEnum(LOG_SEVERITY_NUMBER, record.severity().number());
    }
    if (!record.severityText().isEmpty()) {
      writeString(out, LOG_SEVERITY_TEXT, record.severityText());
    }
    if (record.body().type() != AnyValue.Type.EMPTY) {
      startMessage(out, LOG_BODY);
      writeAnyValue(out, record.body());
    }
    writeKeyValues(out, LOG_ATTRIBUTES, record.attributes());
    if (record.flags() != 0) {
      out.writeFixed32(LOG_FLAGS, record.flags());
    }
    if (record.traceId().isValid()) {
      out.writeTag(LOG_TRACE_ID, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(TraceId.LENGTH);
      // fixed64 is little-endian and ids are big-endian: swapping writes the bytes in id order
      // without an intermediate array.
      out.writeFixed64NoTag(Long.reverseBytes(record.traceId().high()));
      out.writeFixed64NoTag(Long.reverseBytes(record.traceId().low()));
    }
    if (record.spanId().isValid()) {
      out.writeTag(LOG_SPAN_ID, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(SpanId.LENGTH);
      out.writeFixed64NoTag(Long.reverseBytes(record.spanId().value()));
    }
    if (record.observedTimestampNanos() != 0) {
      out.writeFixed64(LOG_OBSERVED_TIME_UNIX_NANO, record.observedTimestampNanos());
    }
  }

  private void writeKeyValues(CodedOutputStream out, int fieldNumber, Attributes attributes)
      throws IOException {
    for (int i = 0; i < attributes.size(); i++) {
      startMessage(out, fieldNumber);
      String key = attributes.keyAt(i);
      if (!key.isEmpty()) {
        writeString(out, KEY_VALUE_KEY, key);
      }
      startMessage(out, KEY_VALUE_VALUE);
      writeAnyValue(out, attributes.valueAt(i));
    }
  }

  /** What {@code out.writeString} writes, from the UTF-8 kept for repeated strings. */
  private void writeString(CodedOutputStream out, int fieldNumber, String value) throws IOException {
    byte[] utf8 = strings.utf8(value);
    out.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(utf8.length);
    out.writeRawBytes(utf8);
  }

  private void writeAnyValue(CodedOutputStream out, AnyValue value) throws IOException {
    switch (value.type()) {
      case EMPTY:
        break;
      case STRING:
        byte[] utf8 = ((AnyValue.StringValue) value).utf8();
        out.writeTag(ANY_STRING, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(utf8.length);
        out.writeRawBytes(utf8);
        break;
      case BOOL:
        out.writeBool(ANY_BOOL, ((AnyValue.BoolValue) value).value());
        break;
      case LONG:
        out.writeInt64(ANY_INT, ((AnyValue.LongValue) value).value());
        break;
      case DOUBLE:
        out.writeDouble(ANY_DOUBLE, ((AnyValue.DoubleValue) value).value());
        break;
      case BYTES:
        AnyValue.BytesValue bytes = (AnyValue.BytesValue) value;
        out.writeTag(ANY_BYTES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(bytes.length());
        out.writeRawBytes(bytes.asReadOnlyBuffer());
        break;
      case ARRAY:
        startMessage(out, ANY_ARRAY);
        for (AnyValue element : ((AnyValue.ArrayValue) value).values()) {
          startMessage(out, LIST_VALUES);
          writeAnyValue(out, element);
        }
        break;
      case KEY_VALUE_LIST:
        startMessage(out, ANY_KVLIST);
        writeKeyValues(out, LIST_VALUES, ((AnyValue.KeyValueListValue) value).values());
        break;
      default:
        throw new AssertionError(value.type());
    }
  }
}
