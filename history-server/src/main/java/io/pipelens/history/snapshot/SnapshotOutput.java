package io.pipelens.history.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The primitives of the snapshot format, written: variable-length integers (zig-zag, so -1 costs
 * one byte), strings through a table so that each distinct string is written once and read back as
 * one shared instance, and a CRC-32C over every byte written, which {@link #finish()} appends.
 *
 * <p>Not thread-safe.
 */
final class SnapshotOutput {

  private static final int NULL_STRING = 0;
  private static final int NEW_STRING = 1;

  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private long written;
  private final CRC32C crc = new CRC32C();
  private final Map<String, Integer> strings = new HashMap<>();

  SnapshotOutput(OutputStream out) {
    this.out = out;
  }

  void fixedInt(int value) throws IOException {
    ensure(4);
    buffer[position++] = (byte) (value >>> 24);
    buffer[position++] = (byte) (value >>> 16);
    buffer[position++] = (byte) (value >>> 8);
    buffer[position++] = (byte) value;
  }

  void fixedLong(long value) throws IOException {
    fixedInt((int) (value >>> 32));
    fixedInt((int) value);
  }

  void bool(boolean value) throws IOException {
    ensure(1);
    buffer[position++] = (byte) (value ? 1 : 0);
  }

  /** An unsigned variable-length count or small non-negative value. */
  void count(int value) throws IOException {
    if (value < 0) {
      throw new IllegalArgumentException("negative count " + value);
    }
    unsigned(value);
  }

  /** Any int, zig-zag encoded. */
  void varInt(int value) throws IOException {
    varLong((long) value);
  }

  /** Any long, zig-zag encoded. */
  void varLong(long value) throws IOException {
    unsigned((value << 1) ^ (value >> 63));
  }

  private void unsigned(long value) throws IOException {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buffer[position++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[position++] = (byte) value;
  }

  /** An enum constant, by ordinal. */
  void constant(Enum<?> value) throws IOException {
    count(value.ordinal());
  }

  void doubleValue(double value) throws IOException {
    fixedLong(Double.doubleToRawLongBits(value));
  }

  /** A string or null; a string written before is written as its table index. */
  void string(String value) throws IOException {
    if (value == null) {
      unsigned(NULL_STRING);
      return;
    }
    Integer known = strings.get(value);
    if (known != null) {
      unsigned(known + 2L);
      return;
    }
    strings.put(value, strings.size());
    unsigned(NEW_STRING);
    int length = value.length();
    boolean narrow = true;
    for (int i = 0; i < length && narrow; i++) {
      narrow = value.charAt(i) < 0x80;
    }
    // Chars, not UTF-8: a lone surrogate (which UTF-8 would replace) comes back as it was.
    unsigned(((long) length << 1) | (narrow ? 1 : 0));
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (narrow) {
        ensure(1);
        buffer[position++] = (byte) c;
      } else {
        ensure(2);
        buffer[position++] = (byte) (c >>> 8);
        buffer[position++] = (byte) c;
      }
    }
  }

  /** A {@code long[]} or null. */
  void longs(long[] values) throws IOException {
    if (values == null) {
      unsigned(0);
      return;
    }
    unsigned(values.length + 1L);
    for (long value : values) {
      varLong(value);
    }
  }

  /** An {@code int[]}, never null. */
  void ints(int[] values) throws IOException {
    count(values.length);
    for (int value : values) {
      varInt(value);
    }
  }

  void bits(BitSet bits) throws IOException {
    long[] words = bits.toLongArray();
    count(words.length);
    for (long word : words) {
      fixedLong(word);
    }
  }

  /** Bytes written so far, the checksum not included. */
  long written() {
    return written + position;
  }

  /** Appends the checksum of everything written and flushes; nothing may be written after. */
  void finish() throws IOException {
    flush();
    int checksum = (int) crc.getValue();
    fixedInt(checksum);
    out.write(buffer, 0, position);
    written += position;
    position = 0;
    out.flush();
  }

  private void ensure(int bytes) throws IOException {
    if (position + bytes > buffer.length) {
      flush();
    }
  }

  private void flush() throws IOException {
    crc.update(buffer, 0, position);
    out.write(buffer, 0, position);
    written += position;
    position = 0;
  }
}
