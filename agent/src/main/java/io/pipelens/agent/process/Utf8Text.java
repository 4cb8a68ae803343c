package io.pipelens.agent.process;

import io.pipelens.core.codec.Utf8Validation;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a record's bytes into its text. Malformed UTF-8 becomes U+FFFD, never an exception, and
 * the caller learns that it happened.
 *
 * <p>The JDK's decoder (an intrinsic, fast on ASCII) does the work; only when its result holds a
 * U+FFFD is the input checked again, since valid UTF-8 may spell U+FFFD itself.
 */
final class Utf8Text {

  private Utf8Text() {}

  /** The text of {@code bytes[0..length)}. */
  static String decode(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** Whether decoding {@code bytes[0..length)} into {@code text} replaced malformed input. */
  static boolean replacedMalformed(String text, byte[] bytes, int length) {
    return text.indexOf('\uFFFD') >= 0 && !isValid(bytes, length);
  }

  /** Whether {@code bytes[0..length)} is well-formed UTF-8 (no overlongs, no surrogates). */
  static boolean isValid(byte[] bytes, int length) {
    return Utf8Validation.isWellFormed(bytes, length);
  }
}
