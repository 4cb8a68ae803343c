package io.pipelens.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Whether bytes are well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
 * nothing past U+10FFFF, no truncated sequence), so that a string can be kept, copied and
 * re-encoded as the bytes it came in. Protobuf has such a check, but not as public API; the agent's
 * reader and the OTLP decoder share this one.
 */
public final class Utf8Validation {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8Validation() {}

  /** Whether all of {@code bytes} is well-formed UTF-8. */
  public static boolean isWellFormed(byte[] bytes) {
    return isWellFormed(bytes, bytes.length);
  }

  /** Whether {@code bytes[0..length)} is well-formed UTF-8. */
  public static boolean isWellFormed(byte[] bytes, int length) {
    int i = asciiPrefix(bytes, length);
    while (i < length) {
      int c = bytes[i] & 0xff;
      if (c < 0x80) {
        i++;
      } else if (c < 0xc2) {
        return false; // a continuation byte first, or an overlong two-byte form
      } else if (c < 0xe0) {
        if (i + 1 >= length || !continuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xf0) {
        if (i + 2 >= length) {
          return false;
        }
        int c1 = bytes[i + 1] & 0xff;
        boolean second = c == 0xe0 ? c1 >= 0xa0 && c1 <= 0xbf // not overlong
            : c == 0xed ? c1 >= 0x80 && c1 <= 0x9f // not a surrogate
            : continuation(c1);
        if (!second || !continuation(bytes[i + 2])) {
          return false;
        }
        i += 3;
      } else if (c < 0xf5) {
        if (i + 3 >= length) {
          return false;
        }
        int c1 = bytes[i + 1] & 0xff;
        boolean second = c == 0xf0 ? c1 >= 0x90 && c1 <= 0xbf // not overlong
            : c == 0xf4 ? c1 >= 0x80 && c1 <= 0x8f // not past U+10FFFF
            : continuation(c1);
        if (!second || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
          return false;
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * How many bytes at the start of {@code bytes[0..length)} are ASCII: eight at a time, since a
   * log line is nearly always ASCII from its first byte to its last.
   */
  static int asciiPrefix(byte[] bytes, int length) {
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
        break;
      }
    }
    while (i < length && bytes[i] >= 0) {
      i++;
    }
    return i;
  }

  private static boolean continuation(int b) {
    return (b & 0xc0) == 0x80;
  }
}
