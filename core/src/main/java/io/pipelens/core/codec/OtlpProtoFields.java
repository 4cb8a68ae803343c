package io.pipelens.core.codec;

/**
 * Field numbers and tags of the OTLP messages the codec reads and writes, from {@code
 * opentelemetry/proto/{collector/logs,logs,common,resource}/v1/*.proto} (OTLP 1.8). Tags are {@code
 * field << 3 | wire type}, constant so the reader can {@code switch} on them.
 */
final class OtlpProtoFields {

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  // ExportLogsServiceRequest
  static final int REQUEST_RESOURCE_LOGS = 1;
  static final int TAG_REQUEST_RESOURCE_LOGS = REQUEST_RESOURCE_LOGS << 3 | LENGTH_DELIMITED;

  // ResourceLogs
  static final int RESOURCE_LOGS_RESOURCE = 1;
  static final int RESOURCE_LOGS_SCOPE_LOGS = 2;
  static final int TAG_RESOURCE_LOGS_RESOURCE = RESOURCE_LOGS_RESOURCE << 3 | LENGTH_DELIMITED;
  static final int TAG_RESOURCE_LOGS_SCOPE_LOGS = RESOURCE_LOGS_SCOPE_LOGS << 3 | LENGTH_DELIMITED;

  // Resource
  static final int RESOURCE_ATTRIBUTES = 1;
  static final int TAG_RESOURCE_ATTRIBUTES = RESOURCE_ATTRIBUTES << 3 | LENGTH_DELIMITED;

  // ScopeLogs
  static final int SCOPE_LOGS_SCOPE = 1;
  static final int SCOPE_LOGS_LOG_RECORDS = 2;
  static final int TAG_SCOPE_LOGS_SCOPE = SCOPE_LOGS_SCOPE << 3 | LENGTH_DELIMITED;
  static final int TAG_SCOPE_LOGS_LOG_RECORDS = SCOPE_LOGS_LOG_RECORDS << 3 | LENGTH_DELIMITED;

  // InstrumentationScope
  static final int SCOPE_NAME = 1;
  static final int TAG_SCOPE_NAME = SCOPE_NAME << 3 | LENGTH_DELIMITED;

  // LogRecord
  static final int LOG_TIME_UNIX_NANO = 1;
  static final int LOG_SEVERITY_NUMBER = 2;
  static final int LOG_SEVERITY_TEXT = 3;
  static final int LOG_BODY = 5;
  static final int LOG_ATTRIBUTES = 6;
  static final int LOG_FLAGS = 8;
  static final int LOG_TRACE_ID = 9;
  static final int LOG_SPAN_ID = 10;
  static final int LOG_OBSERVED_TIME_UNIX_NANO = 11;
  static final int TAG_LOG_TIME_UNIX_NANO = LOG_TIME_UNIX_NANO << 3 | FIXED64;
  static final int TAG_LOG_SEVERITY_NUMBER = LOG_SEVERITY_NUMBER << 3 | VARINT;
  static final int TAG_LOG_SEVERITY_TEXT = LOG_SEVERITY_TEXT << 3 | LENGTH_DELIMITED;
  static final int TAG_LOG_BODY = LOG_BODY << 3 | LENGTH_DELIMITED;
  static final int TAG_LOG_ATTRIBUTES = LOG_ATTRIBUTES << 3 | LENGTH_DELIMITED;
  static final int TAG_LOG_FLAGS = LOG_FLAGS << 3 | FIXED32;
  static final int TAG_LOG_TRACE_ID = LOG_TRACE_ID << 3 | LENGTH_DELIMITED;
  static final int TAG_LOG_SPAN_ID = LOG_SPAN_ID << 3 | LENGTH_DELIMITED;
  static final int TAG_LOG_OBSERVED_TIME_UNIX_NANO = LOG_OBSERVED_TIME_UNIX_NANO << 3 | FIXED64;

  // KeyValue
  static final int KEY_VALUE_KEY = 1;
  static final int KEY_VALUE_VALUE = 2;
  static final int TAG_KEY_VALUE_KEY = KEY_VALUE_KEY << 3 | LENGTH_DELIMITED;
  static final int TAG_KEY_VALUE_VALUE = KEY_VALUE_VALUE << 3 | LENGTH_DELIMITED;

  // AnyValue (a oneof: the last field on the wire wins)
  static final int ANY_STRING = 1;
  static final int ANY_BOOL = 2;
  static final int ANY_INT = 3;
  static final int ANY_DOUBLE = 4;
  static final int ANY_ARRAY = 5;
  static final int ANY_KVLIST = 6;
  static final int ANY_BYTES = 7;
  static final int TAG_ANY_STRING = ANY_STRING << 3 | LENGTH_DELIMITED;
  static final int TAG_ANY_BOOL = ANY_BOOL << 3 | VARINT;
  static final int TAG_ANY_INT = ANY_INT << 3 | VARINT;
  static final int TAG_ANY_DOUBLE = ANY_DOUBLE << 3 | FIXED64;
  static final int TAG_ANY_ARRAY = ANY_ARRAY << 3 | LENGTH_DELIMITED;
  static final int TAG_ANY_KVLIST = ANY_KVLIST << 3 | LENGTH_DELIMITED;
  static final int TAG_ANY_BYTES = ANY_BYTES << 3 | LENGTH_DELIMITED;

  // ArrayValue and KeyValueList: one repeated field each
  static final int LIST_VALUES = 1;
  static final int TAG_LIST_VALUES = LIST_VALUES << 3 | LENGTH_DELIMITED;

  private OtlpProtoFields() {}
}
