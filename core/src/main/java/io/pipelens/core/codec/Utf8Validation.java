package io.pipelens.core.codec;

/**
 * Whether bytes are well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
 * nothing past U+10FFFF, no truncated sequence), so the decoder can keep a string value as the
 * bytes it came in. Protobuf has such a check, but not as public API.
 */
final class Utf8Validation {

  private Utf8Validation() {}

  static boolean isWellFormed(byte[] bytes) {
    int n = bytes.length;
    int i = 0;
    while (i < n && bytes[i] >= 0) {
      i++; // ASCII, all of most log lines
    }
    while (i < n) {
      int c = bytes[i] & 0xff;
      if (c < 0x80) {
        i++;
      } else if (c < 0xc2) {
        return false; // a continuation byte first, or an overlong two-byte form
      } else if (c < 0xe0) {
        if (i + 1 >= n || !continuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xf0) {
        if (i + 2 >= n) {
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
        if (i + 3 >= n) {
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

  private static boolean continuation(int b) {
    return (b & 0xc0) == 0x80;
  }
}
