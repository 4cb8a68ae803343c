package io.pipelens.agent.process.multiline;

/** Where to cut UTF-8 bytes so that no character is split in two. */
final class Utf8Boundary {

  private Utf8Boundary() {}

  /**
   * The largest length not above {@code max} that ends on a character boundary of {@code bytes},
   * so a cut record does not end in a broken character that would count as invalid UTF-8.
   */
  static int cut(byte[] bytes, int max) {
    if (max <= 0) {
      return 0;
    }
    int end = max;
    // Back over at most three continuation bytes (10xxxxxx) to the start of their character.
    for (int i = 0; i < 3 && end > 0 && (bytes[end] & 0xC0) == 0x80; i++) {
      end--;
    }
    return (bytes[end] & 0xC0) == 0x80 ? max : end;
  }
}
