package io.pipelens.agent.process.multiline;

import java.nio.charset.StandardCharsets;

/**
 * A reusable {@link CharSequence} over a line's bytes, one char per byte, so a regular expression
 * can test a line without decoding it into a String. ASCII reads as itself; the bytes of a
 * multi-byte UTF-8 character read as several Latin-1 chars, which ASCII patterns never confuse
 * with ASCII.
 */
final class Latin1View implements CharSequence {

  private byte[] bytes = new byte[0];
  private int length;

  /** Points the view at {@code bytes[0..length)}; valid until the next call. */
  Latin1View wrap(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return (char) (bytes[index] & 0xFF);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }
}
