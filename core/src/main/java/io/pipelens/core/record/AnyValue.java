package io.pipelens.core.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

  /**
   * A string value from {@code bytes[from, from + length)}, which must be well-formed UTF-8 (the
   * caller checked it); the bytes are copied.
   */
  static StringValue ofUtf8(byte[] bytes, int from, int length) {
    return new StringValue(Arrays.copyOfRange(bytes, from, from + length));
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

  /**
   * A string value; never null. It holds its text as a {@code String}, as UTF-8 bytes, or both: a
   * value made from bytes ({@link AnyValue#ofUtf8}) decodes them only when {@link #value()} is
   * asked for, so a log line read as bytes can reach an encoder that writes bytes without ever
   * becoming a {@code String}; a value made from a {@code String} encodes it once, when {@link
   * #utf8()} is first asked for. Equality is that of the text.
   */
  final class StringValue implements AnyValue {
    // At least one is set. Both are published through volatile writes, so a thread that sees the
    // reference also sees the finished contents.
    private volatile String value;
    private volatile byte[] utf8;
    private volatile boolean exact;

    /** The value of {@code value}. */
    public StringValue(String value) {
      this.value = Objects.requireNonNull(value, "value");
    }

    private StringValue(byte[] wellFormedUtf8) {
      this.utf8 = wellFormedUtf8;
      this.exact = true;
    }

    @Override
    public Type type() {
      return Type.STRING;
    }

    /** The text. */
    public String value() {
      String text = value;
      if (text == null) {
        text = new String(utf8, StandardCharsets.UTF_8);
        value = text;
      }
      return text;
    }

    /**
     * The text as UTF-8; not to be changed. A lone surrogate in a {@code String} value, which has
     * no UTF-8 form, is a {@code '?'} here, as in {@link String#getBytes(java.nio.charset.Charset)}
     * and in protobuf's string encoding; see {@link #isExactUtf8()}.
     */
    public byte[] utf8() {
      byte[] bytes = utf8;
      if (bytes == null) {
        String text = value;
        bytes = text.getBytes(StandardCharsets.UTF_8);
        exact = !hasLoneSurrogate(text, bytes);
        utf8 = bytes;
      }
      return bytes;
    }

    /** Whether {@link #utf8()} spells the text exactly: it has no lone surrogate. */
    public boolean isExactUtf8() {
      utf8();
      return exact;
    }

    /** Whether the value was made from bytes and has not been decoded: text costs a decode. */
    public boolean isBytesOnly() {
      return value == null;
    }

    // Only a '?' in the encoding can stand for a lone surrogate: most texts are checked by one
    // byte scan.
    private static boolean hasLoneSurrogate(String text, byte[] encoded) {
      boolean question = false;
      for (byte b : encoded) {
        if (b == '?') {
          question = true;
          break;
        }
      }
      if (!question) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof StringValue that)) {
        return false;
      }
      byte[] mine = utf8;
      byte[] theirs = that.utf8;
      if (mine != null && theirs != null && exact && that.exact) {
        return Arrays.equals(mine, theirs); // UTF-8 spells every text one way only
      }
      return value().equals(that.value());
    }

    @Override
    public int hashCode() {
      return value().hashCode();
    }

    @Override
    public String toString() {
      return "StringValue[value=" + value() + "]";
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
