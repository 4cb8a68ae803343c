package io.pipelens.core.codec;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of strings a batch repeats on every record: attribute keys ({@code
 * log.file.path}, {@code log.offset}, ...), severity texts and scope names. Protobuf's own string
 * writing encodes a string twice per record, once to size it and once to write it; with these
 * strings coming from a handful of constants, a lookup by instance is cheaper than either pass.
 *
 * <p>Slots are chosen by the string's (cached) hash code; a slot holding an equal string of
 * another instance is reused too, so keys parsed anew for every record are compared, not encoded.
 * Strings longer than {@link #MAX_LENGTH} are not kept. {@code getBytes(UTF_8)} writes what
 * protobuf writes for any string, also one with unpaired surrogates (both replace them with
 * {@code '?'}).
 */
final class Utf8Strings {

  static final int MAX_LENGTH = 128;
  private static final int SLOTS = 64;

  private final String[] strings = new String[SLOTS];
  private final byte[][] utf8 = new byte[SLOTS][];

  /** The UTF-8 encoding of {@code value}; callers must not modify it. */
  byte[] utf8(String value) {
    if (value.length() > MAX_LENGTH) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
    int slot = value.hashCode() & (SLOTS - 1);
    String held = strings[slot];
    if (held == value || (held != null && held.equals(value))) {
      return utf8[slot];
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    strings[slot] = value;
    utf8[slot] = bytes;
    return bytes;
  }
}
