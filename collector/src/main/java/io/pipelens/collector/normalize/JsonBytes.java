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

  /** {@code "name":} as {@link #name(byte[])} writes it, for names known in advance. */
  static byte[] encodedName(String name) {
    JsonBytes json = new JsonBytes();
    json.name(name);
    return json.toByteArray();
  }

  /** A name from {@link #encodedName}. */
  void name(byte[] encoded) {
    comma();
    copy(encoded, 0, encoded.length);
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
    // Runs of bytes that need no escape (all of a typical log line) are copied at once.
    int run = 0;
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if ((b >= 0 && b < 0x20) || b == '"' || b == '\\') { // b < 0: a byte of a multi-byte character
        copy(utf8, run, i);
        escape(b & 0xff);
        run = i + 1;
      }
    }
    copy(utf8, run, utf8.length);
    put((byte) '"');
    needsComma = true;
  }

  /**
   * {@code epochNanos} as the JSON string {@link java.time.Instant#toString()} makes of it, such as
   * {@code "2026-12-01T10:00:00.123Z"} (fractions in groups of three digits, none when zero),
   * written without a formatter for the years 1970 to 9999; other instants go through {@code
   * Instant}.
   */
  void isoTimeValue(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
    if (seconds < 0 || seconds > MAX_FAST_SECOND) {
      value(java.time.Instant.ofEpochSecond(seconds, nanos).toString());
      return;
    }
    comma();
    ensure(32);
    buffer[length++] = '"';
    if (seconds != cachedSecond) {
      cachedSecond = seconds;
      writeDateTime(seconds, cachedDateTime);
    }
    System.arraycopy(cachedDateTime, 0, buffer, length, cachedDateTime.length);
    length += cachedDateTime.length;
    if (nanos != 0) {
      buffer[length++] = '.';
      int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
      int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1000 : nanos;
      for (int i = digits - 1; i >= 0; i--) {
        buffer[length + i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      length += digits;
    }
    buffer[length++] = 'Z';
    buffer[length++] = '"';
    needsComma = true;
  }

  // 9999-12-31T23:59:59Z
  private static final long MAX_FAST_SECOND = 253_402_300_799L;
  // The date and time of the last second written, yyyy-MM-ddTHH:mm:ss: records come in time order.
  private long cachedSecond = -1;
  private final byte[] cachedDateTime = new byte[19];

  private static void writeDateTime(long epochSecond, byte[] out) {
    long days = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm; days >= 0 here).
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
  }

  private static void digits(byte[] out, int at, int value, int count) {
    for (int i = count - 1; i >= 0; i--) {
      out[at + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  private void copy(byte[] source, int from, int to) {
    int n = to - from;
    if (n > 0) {
      ensure(n);
      System.arraycopy(source, from, buffer, length, n);
      length += n;
    }
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
