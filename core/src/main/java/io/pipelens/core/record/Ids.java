package io.pipelens.core.record;

import java.util.HexFormat;

/** Byte and hex conversions shared by {@link TraceId} and {@link SpanId}. */
final class Ids {

  private static final HexFormat HEX = HexFormat.of();

  private Ids() {}

  static long readLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  static void writeLong(long value, byte[] bytes, int offset) {
    for (int i = 7; i >= 0; i--) {
      bytes[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  /** The 16 hex digits at {@code offset}, either case; only ASCII digits count. */
  static long parseHexLong(CharSequence hex, int offset) {
    return HexFormat.fromHexDigitsToLong(hex, offset, offset + 16);
  }

  /** The 16 lower-case hex digits of {@code value}. */
  static String toHex(long value) {
    return HEX.toHexDigits(value);
  }
}
