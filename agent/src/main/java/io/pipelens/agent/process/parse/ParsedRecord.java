package io.pipelens.agent.process.parse;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Severity;
import java.util.Arrays;

/**
 * What a parser found in one record: timestamp, severity, body and attributes. Mutable and reused
 * from record to record of a file, so parsing allocates only the values themselves.
 */
public final class ParsedRecord {

  private long timestampNanos;
  private Severity severity = Severity.UNSPECIFIED;
  private String severityText = "";
  private String body = "";
  private boolean incomplete;
  private String[] keys = new String[8];
  private AnyValue[] values = new AnyValue[8];
  private int size;

  /** Forgets everything, for the next record. */
  public void reset() {
    timestampNanos = 0;
    severity = Severity.UNSPECIFIED;
    severityText = "";
    body = "";
    incomplete = false;
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  /** When the event happened, in epoch nanoseconds; 0 if unknown. */
  public long timestampNanos() {
    return timestampNanos;
  }

  public void timestampNanos(long epochNanos) {
    this.timestampNanos = epochNanos;
  }

  public Severity severity() {
    return severity;
  }

  public String severityText() {
    return severityText;
  }

  /** Sets the level as written and the severity it names. */
  public void level(String text) {
    this.severityText = text;
    this.severity = Severity.fromText(text);
  }

  /** Sets the level as written and its severity, for levels {@link Severity#fromText} does not know. */
  public void level(String text, Severity severity) {
    this.severityText = text;
    this.severity = severity;
  }

  public String body() {
    return body;
  }

  public void body(String body) {
    this.body = body;
  }

  /**
   * Whether the record parsed only in part (its timestamp did not, for example); such a record is
   * kept as parsed and counted as a parse failure.
   */
  public boolean incomplete() {
    return incomplete;
  }

  /** Marks the record as parsed only in part. */
  public void markIncomplete() {
    this.incomplete = true;
  }

  /** Adds an attribute; a key that is already there gets the new value. */
  public void put(String key, AnyValue value) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        values[i] = value;
        return;
      }
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
  }

  /** Adds a string attribute. */
  public void put(String key, String value) {
    put(key, AnyValue.of(value));
  }

  /** The number of attributes. */
  public int attributeCount() {
    return size;
  }

  public String keyAt(int index) {
    return keys[index];
  }

  public AnyValue valueAt(int index) {
    return values[index];
  }
}
