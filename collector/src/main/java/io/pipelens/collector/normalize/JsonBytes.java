package io.pipelens.collector.normalize;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A JSON writer straight into a growing byte array, for the documents of the hot path: no maps,
 * no tree, no serializer lookup. Strings held as UTF-8 ({@link AnyValue.StringValue#utf8()}) are
 * escaped byte by byte without being decoded. Callers write well-formed JSON: this class only
 * places the commas.
 *
 * <p>Not thread-safe; one per thread, {@link #reset()} between documents.
 */
final class JsonBytes {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buffer = new byte[1024];
  private int length;
  private boolean needsComma;

  void reset() {
    length = 0;
    needsComma = false;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }

  void beginObject() {
    comma();
    put((byte) '{');
    needsComma = false;
  }

  void endObject() {
    put((byte) '}');
    needsComma = true;
  }

  private void beginArray() {
    comma();
    put((byte) '[');
    needsComma = false;
  }

  private void endArray() {
    put((byte) ']');
    needsComma = true;
  }

  /** {@code "name":}; the name is one of this package's field names or an attribute key. */
  void name(String name) {
    comma();
    string(name);
    put((byte) ':');
    needsComma = false;
  }

  void value(String text) {
    comma();
    string(text);
    needsComma = true;
  }

  /** A string value from its UTF-8 bytes. */
  void utf8Value(byte[] utf8) {
    comma();
    ensure(utf8.length + 2);
    buffer[length++] = '"';
    for (byte b : utf8) {
      if ((b < 0 || b >= 0x20) && b != '"' && b != '\\') { // b < 0: a byte of a multi-byte character
        put(b);
      } else {
        escape(b & 0xff);
      }
    }
    put((byte) '"');
    needsComma = true;
  }

  void nullValue() {
    comma();
    ascii("null");
    needsComma = true;
  }

  void value(long number) {
    comma();
    ascii(Long.toString(number));
    needsComma = true;
  }

  /**
   * {@code value} as {@link AnyValues#json} makes it: bytes in base64, NaN and infinities as
   * strings, empty values left out of lists and key-value lists. The caller has left out an
   * empty value itself, since its name is already written.
   */
  void value(AnyValue value) {
    switch (value.type()) {
      case STRING -> utf8Value(((AnyValue.StringValue) value).utf8());
      case BOOL -> {
        comma();
        ascii(((AnyValue.BoolValue) value).value() ? "true" : "false");
        needsComma = true;
      }
      case LONG -> value(((AnyValue.LongValue) value).value());
      case DOUBLE -> {
        double d = ((AnyValue.DoubleValue) value).value();
        if (Double.isFinite(d)) {
          comma();
          ascii(Double.toString(d));
          needsComma = true;
        } else {
          value(Double.toString(d));
        }
      }
      case BYTES -> value(Base64.getEncoder().encodeToString(((AnyValue.BytesValue) value).value()));
      case ARRAY -> {
        beginArray();
        for (AnyValue item : ((AnyValue.ArrayValue) value).values()) {
          if (item.type() != AnyValue.Type.EMPTY) {
            value(item);
          }
        }
        endArray();
      }
      case KEY_VALUE_LIST -> attributes(((AnyValue.KeyValueListValue) value).values());
      default -> throw new IllegalArgumentException("no JSON for an empty value");
    }
  }

  /** Attributes as an object, leaving out empty values. */
  void attributes(Attributes attributes) {
    beginObject();
    for (int i = 0; i < attributes.size(); i++) {
      AnyValue item = attributes.valueAt(i);
      if (item.type() != AnyValue.Type.EMPTY) {
        name(attributes.keyAt(i));
        value(item);
      }
    }
    endObject();
  }

  private void comma() {
    if (needsComma) {
      put((byte) ',');
    }
  }

  private void string(String text) {
    int n = text.length();
    ensure(n + 2);
    buffer[length++] = '"';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          put((byte) c);
        } else {
          escape(c);
        }
      } else {
        // Rare in field names and ids; the JDK's encoder, lone surrogates becoming '?'.
        int end = i;
        while (end < n && text.charAt(end) >= 0x80) {
          end++;
        }
        byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
        i = end - 1;
      }
    }
    put((byte) '"');
  }

  private void escape(int c) {
    switch (c) {
      case '"' -> ascii("\\\"");
      case '\\' -> ascii("\\\\");
      case '\n' -> ascii("\\n");
      case '\r' -> ascii("\\r");
      case '\t' -> ascii("\\t");
      case '\b' -> ascii("\\b");
      case '\f' -> ascii("\\f");
      default -> {
        ascii("\\u00");
        put(HEX[c >> 4]);
        put(HEX[c & 0xf]);
      }
    }
  }

  private void ascii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
  }

  private void put(byte b) {
    if (length == buffer.length) {
      ensure(1);
    }
    buffer[length++] = b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
