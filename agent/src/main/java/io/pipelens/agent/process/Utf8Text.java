package io.pipelens.agent.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a record's bytes into its text. Malformed UTF-8 becomes U+FFFD, never an exception, and
 * the caller learns that it happened.
 *
 * <p>The JDK's decoder (an intrinsic, fast on ASCII) does the work; only when its result holds a
 * U+FFFD is the input checked again, since valid UTF-8 may spell U+FFFD itself.
 */
final class Utf8Text {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8Text() {}

  /**
   * How many bytes at the start of {@code bytes[0..length)} are ASCII: eight at a time, so that a
   * log line, nearly always ASCII, is checked at a few bytes a cycle.
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

  /** The text of {@code bytes[0..length)}. */
  static String decode(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** Whether decoding {@code bytes[0..length)} into {@code text} replaced malformed input. */
  static boolean replacedMalformed(String text, byte[] bytes, int length) {
    return text.indexOf('\uFFFD') >= 0 && !isValid(bytes, length);
  }

  /** Whether {@code bytes[0..length)} is well-formed UTF-8 (RFC 3629: no overlongs, surrogates). */
  static boolean isValid(byte[] bytes, int length) {
    int i = asciiPrefix(bytes, length);
    while (i < length) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int needed;
      int min;
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        needed = 2;
        min = b == 0xE0 ? 0xA0 : 0x80;
        max = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        needed = 3;
        min = b == 0xF0 ? 0x90 : 0x80;
        max = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return false;
      }
      if (i + needed >= length) {
        return false;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < min || second > max) {
        return false;
      }
      for (int j = 2; j <= needed; j++) {
        if ((bytes[i + j] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += needed + 1;
    }
    return true;
  }
}
