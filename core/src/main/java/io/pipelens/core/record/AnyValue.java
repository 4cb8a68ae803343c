package io.pipelens.core.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A value of the OpenTelemetry data model (OTLP {@code AnyValue}): a log body or an attribute
 * value. One implementation per OTLP kind, plus {@link EmptyValue} for a value that is present but
 * has no kind set (OTLP allows it; a record without a body has {@link #empty()} as its body).
 *
 * <p>Java 17 has no pattern matching for {@code switch}, so {@link #type()} gives a tag to switch
 * on before casting.
 */
public sealed interface AnyValue {

  /** The kind of an {@link AnyValue}, one per OTLP {@code AnyValue.value} case plus empty. */
  enum Type {
    EMPTY,
    STRING,
    BOOL,
    LONG,
    DOUBLE,
    BYTES,
    ARRAY,
    KEY_VALUE_LIST
  }

  /** This value's kind. */
  Type type();

  /** The value with no kind set. */
  static AnyValue empty() {
    return EmptyValue.INSTANCE;
  }

  /** A string value. */
  static AnyValue of(String value) {
    return new StringValue(value);
  }

  /** A boolean value. */
  static AnyValue of(boolean value) {
    return value ? BoolValue.TRUE : BoolValue.FALSE;
  }

  /** A 64-bit integer value (OTLP {@code int_value}). */
  static AnyValue of(long value) {
    return new LongValue(value);
  }

  /** A double value. */
  static AnyValue of(double value) {
    return new DoubleValue(value);
  }

  /** A bytes value; {@code value} is copied. */
  static AnyValue of(byte[] value) {
    return new BytesValue(value);
  }

  /** An array value. */
  static AnyValue of(List<AnyValue> values) {
    return new ArrayValue(values);
  }

  /** An array value. */
  static AnyValue ofArray(AnyValue... values) {
    return new ArrayValue(List.of(values));
  }

  /** A key-value list value (OTLP {@code kvlist_value}). */
  static AnyValue of(Attributes values) {
    return new KeyValueListValue(values);
  }

  /** The OTLP value with no kind set. */
  record EmptyValue() implements AnyValue {
    static final EmptyValue INSTANCE = new EmptyValue();

    @Override
    public Type type() {
      return Type.EMPTY;
    }
  }

  /** A string value; never null. */
  record StringValue(String value) implements AnyValue {
    public StringValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Type type() {
      return Type.STRING;
    }
  }

  /** A boolean value. */
  record BoolValue(boolean value) implements AnyValue {
    static final BoolValue TRUE = new BoolValue(true);
    static final BoolValue FALSE = new BoolValue(false);

    @Override
    public Type type() {
      return Type.BOOL;
    }
  }

  /** A signed 64-bit integer value. */
  record LongValue(long value) implements AnyValue {
    @Override
    public Type type() {
      return Type.LONG;
    }
  }

  /**
   * A double value. Equality is that of {@link Double#compare}: NaN equals NaN, and 0.0 differs
   * from -0.0, so a round trip compares exactly.
   */
  record DoubleValue(double value) implements AnyValue {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /**
   * A bytes value, compared by content. The bytes are copied in and {@link #value()} copies them
   * out, so the value stays immutable; {@link #asReadOnlyBuffer()} reads them without a copy.
   */
  final class BytesValue implements AnyValue {
    private final byte[] value;

    /** A value holding a copy of {@code value}. */
    public BytesValue(byte[] value) {
      this.value = value.clone();
    }

    @Override
    public Type type() {
      return Type.BYTES;
    }

    /** A copy of the bytes. */
    public byte[] value() {
      return value.clone();
    }

    /** The number of bytes. */
    public int length() {
      return value.length;
    }

    /** A read-only view of the bytes, positioned at 0 and limited to {@link #length()}. */
    public ByteBuffer asReadOnlyBuffer() {
      return ByteBuffer.wrap(value).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BytesValue that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "BytesValue[base64=" + Base64.getEncoder().encodeToString(value) + "]";
    }
  }

  /** An ordered list of values, possibly empty; the list is immutable. */
  record ArrayValue(List<AnyValue> values) implements AnyValue {
    public ArrayValue {
      values = List.copyOf(values);
    }

    @Override
    public Type type() {
      return Type.ARRAY;
    }
  }

  /** An ordered list of key-value pairs with unique keys, possibly empty. */
  record KeyValueListValue(Attributes values) implements AnyValue {
    public KeyValueListValue {
      Objects.requireNonNull(values, "values");
    }

    @Override
    public Type type() {
      return Type.KEY_VALUE_LIST;
    }
  }
}
