package io.pipelens.collector.normalize;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.LogRecord;

/**
 * Reads a pipelens attribute wherever a source put it. {@code docs/record-model.md} says which keys
 * are record and which are resource attributes, but OTLP clients other than the agent are free to
 * put them on either, so the record's own attribute wins and the resource's is the fallback.
 */
public final class RecordFields {

  private RecordFields() {}

  /** The attribute on the record, else on its resource; null when on neither. */
  public static AnyValue value(LogRecord record, String key) {
    AnyValue value = record.attributes().get(key);
    return value != null ? value : record.resource().attributes().get(key);
  }

  /** Whether the record or its resource has {@code key}. */
  public static boolean has(LogRecord record, String key) {
    return value(record, key) != null;
  }

  /** The value as text: a string as is, a scalar in its usual form; null when absent or empty. */
  public static String string(LogRecord record, String key) {
    AnyValue value = value(record, key);
    return value == null ? null : AnyValues.text(value);
  }
}
