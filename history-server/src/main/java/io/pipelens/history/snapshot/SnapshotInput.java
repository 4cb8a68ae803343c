package io.pipelens.history.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads what {@link SnapshotOutput} wrote, from a whole file in memory (whose checksum was checked
 * before). A damaged file can still be one the checksum passes (or be written by a bug): every read
 * checks its bounds and every count is checked against the bytes left, so a bad file fails with a
 * {@link CorruptSnapshotException} and never allocates more than a small multiple of its own size
 * (an array of {@code n} longs needs at least {@code n} bytes).
 */
final class SnapshotInput {

  private final byte[] bytes;
  private int position;
  private final int limit;
  private final List<String> strings = new ArrayList<>();

  SnapshotInput(byte[] bytes, int offset, int limit) {
    this.bytes = bytes;
    this.position = offset;
    this.limit = limit;
  }

  int fixedInt() {
    require(4);
    int value =
        (bytes[position] & 0xFF) << 24
            | (bytes[position + 1] & 0xFF) << 16
            | (bytes[position + 2] & 0xFF) << 8
            | bytes[position + 3] & 0xFF;
    position += 4;
    return value;
  }

  long fixedLong() {
    return ((long) fixedInt() << 32) | (fixedInt() & 0xFFFFFFFFL);
  }

  boolean bool() {
    require(1);
    byte value = bytes[position++];
    if (value != 0 && value != 1) {
      throw new CorruptSnapshotException("not a boolean: " + value);
    }
    return value == 1;
  }

  /** A count of elements, each at least one byte, so at most the bytes left. */
  int count() {
    long value = unsigned();
    if (value > limit - position) {
      throw new CorruptSnapshotException("count " + value + " beyond the end of the snapshot");
    }
    return (int) value;
  }

  int varInt() {
    long value = varLong();
    if (value != (int) value) {
      throw new CorruptSnapshotException("not an int: " + value);
    }
    return (int) value;
  }

  long varLong() {
    long raw = unsigned();
    return (raw >>> 1) ^ -(raw & 1);
  }

  private long unsigned() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      require(1);
      byte b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new CorruptSnapshotException("variable-length number over 10 bytes");
  }

  double doubleValue() {
    return Double.longBitsToDouble(fixedLong());
  }

  String string() {
    long code = unsigned();
    if (code == 0) {
      return null;
    }
    if (code >= 2) {
      long index = code - 2;
      if (index >= strings.size()) {
        throw new CorruptSnapshotException("string reference " + index + " not defined");
      }
      return strings.get((int) index);
    }
    if (code != 1) {
      throw new CorruptSnapshotException("bad string code " + code);
    }
    long header = unsigned();
    boolean narrow = (header & 1) == 1;
    long length = header >>> 1;
    long size = narrow ? length : 2 * length;
    if (size > limit - position) {
      throw new CorruptSnapshotException("string of " + length + " chars beyond the end");
    }
    String value;
    if (narrow) {
      value = new String(bytes, position, (int) length, StandardCharsets.ISO_8859_1);
      position += (int) length;
    } else {
      char[] chars = new char[(int) length];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) ((bytes[position] & 0xFF) << 8 | bytes[position + 1] & 0xFF);
        position += 2;
      }
      value = new String(chars);
    }
    strings.add(value);
    return value;
  }

  long[] longs() {
    long header = unsigned();
    if (header == 0) {
      return null;
    }
    if (header - 1 > limit - position) {
      throw new CorruptSnapshotException("array beyond the end of the snapshot");
    }
    long[] values = new long[(int) (header - 1)];
    for (int i = 0; i < values.length; i++) {
      values[i] = varLong();
    }
    return values;
  }

  /** A {@code long[]} of exactly {@code length} values, or null. */
  long[] longs(int length) {
    long[] values = longs();
    if (values != null && values.length != length) {
      throw new CorruptSnapshotException(
          "array of " + values.length + " values where " + length + " are expected");
    }
    return values;
  }

  int[] ints() {
    int[] values = new int[count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = varInt();
    }
    return values;
  }

  BitSet bits() {
    long[] words = new long[count()];
    for (int i = 0; i < words.length; i++) {
      words[i] = fixedLong();
    }
    return BitSet.valueOf(words);
  }

  /** An enum constant by ordinal. */
  <E extends Enum<E>> E constant(E[] values) {
    int ordinal = (int) unsigned();
    if (ordinal < 0 || ordinal >= values.length) {
      throw new CorruptSnapshotException("no constant " + ordinal);
    }
    return values[ordinal];
  }

  boolean atEnd() {
    return position == limit;
  }

  private void require(int count) {
    if (limit - position < count) {
      throw new CorruptSnapshotException("truncated");
    }
  }
}
