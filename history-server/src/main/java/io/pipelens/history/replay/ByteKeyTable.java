package io.pipelens.history.replay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fixed set of ASCII keys looked up by their bytes in a line, so that a field name is matched
 * without making a {@code String} of it: open addressing over a power-of-two table.
 */
final class ByteKeyTable {

  private final byte[][] keys;
  private final int[] values;
  private final int mask;

  /** Per key index, the key as a field name is written with its colon: {@code "Key":}. */
  private final byte[][] fieldNames;

  /** The same with the comma of a field that follows another: {@code ,"Key":}. */
  private final byte[][] followingFieldNames;

  /** Maps {@code keys.get(i)} to {@code i}. */
  ByteKeyTable(List<String> keys) {
    int size = Integer.highestOneBit(Math.max(4, keys.size() * 4) - 1) << 1;
    this.keys = new byte[size][];
    this.values = new int[size];
    this.mask = size - 1;
    this.fieldNames = new byte[keys.size()][];
    this.followingFieldNames = new byte[keys.size()][];
    for (int i = 0; i < keys.size(); i++) {
      byte[] key = keys.get(i).getBytes(StandardCharsets.US_ASCII);
      fieldNames[i] = ("\"" + keys.get(i) + "\":").getBytes(StandardCharsets.US_ASCII);
      followingFieldNames[i] = (",\"" + keys.get(i) + "\":").getBytes(StandardCharsets.US_ASCII);
      int slot = hash(key, 0, key.length) & mask;
      while (this.keys[slot] != null) {
        if (java.util.Arrays.equals(this.keys[slot], key)) {
          throw new IllegalArgumentException("duplicate key " + keys.get(i));
        }
        slot = (slot + 1) & mask;
      }
      this.keys[slot] = key;
      this.values[slot] = i;
    }
  }

  /** The index of the key spelled by {@code length} bytes at {@code from}, or -1. */
  int indexOf(byte[] bytes, int from, int length) {
    int slot = hash(bytes, from, length) & mask;
    while (true) {
      byte[] key = keys[slot];
      if (key == null) {
        return -1;
      }
      if (key.length == length && same(key, bytes, from)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
  }

  /** How many keys the table holds; they are numbered from 0. */
  int size() {
    return fieldNames.length;
  }

  /**
   * Whether {@code bytes} spell key {@code index} as a field name with its colon, {@code "Key":},
   * at {@code from}, before {@code end}; returns the length of that spelling, or 0.
   */
  int fieldNameAt(int index, byte[] bytes, int from, int end) {
    byte[] name = fieldNames[index];
    return end - from >= name.length && same(name, bytes, from) ? name.length : 0;
  }

  /** As {@link #fieldNameAt}, for {@code ,"Key":}. */
  int followingFieldNameAt(int index, byte[] bytes, int from, int end) {
    byte[] name = followingFieldNames[index];
    return end - from >= name.length && same(name, bytes, from) ? name.length : 0;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Whether {@code bytes} holds {@code key} at {@code from} (the caller knows they are there):
   * eight bytes at a time, the last eight overlapping the word before them, so that no key of
   * eight bytes or more is compared byte by byte; four at a time, likewise, from four to seven.
   * Field names are matched this way a hundred times a task line.
   */
  static boolean same(byte[] key, byte[] bytes, int from) {
    int length = key.length;
    if (length >= 8) {
      int last = length - 8;
      for (int i = 0; i < last; i += 8) {
        if ((long) LONGS.get(key, i) != (long) LONGS.get(bytes, from + i)) {
          return false;
        }
      }
      return (long) LONGS.get(key, last) == (long) LONGS.get(bytes, from + last);
    }
    if (length >= 4) {
      return (int) INTS.get(key, 0) == (int) INTS.get(bytes, from)
          && (int) INTS.get(key, length - 4) == (int) INTS.get(bytes, from + length - 4);
    }
    for (int i = 0; i < length; i++) {
      if (key[i] != bytes[from + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * From the length and three bytes only: the keys of one table differ there, and hashing every
   * byte of every field name of a log cost more than the rest of the lookup.
   */
  private static int hash(byte[] bytes, int from, int length) {
    if (length == 0) {
      return 0;
    }
    int h = length * 31 + bytes[from];
    h = h * 31 + bytes[from + length - 1];
    h = h * 31 + bytes[from + (length >> 1)];
    return h ^ (h >>> 7);
  }
}
