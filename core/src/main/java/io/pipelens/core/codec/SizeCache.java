package io.pipelens.core.codec;

import java.util.Arrays;

/**
 * The sizes of nested messages, computed once before writing. Protobuf puts a message's length
 * before its content, so a writer must know every nested size up front; computing them again at
 * each level would cost time quadratic in the nesting depth.
 *
 * <p>The sizing pass {@link #reserve() reserves} a slot when it enters a message and {@link #set
 * fills} it when it leaves, so slots are in the order messages start; the writing pass starts
 * messages in the same order and reads them with {@link #next()}.
 */
final class SizeCache {

  private int[] sizes = new int[64];
  private int count;
  private int read;

  /** A slot for the message being entered. */
  int reserve() {
    if (count == sizes.length) {
      sizes = Arrays.copyOf(sizes, count * 2);
    }
    return count++;
  }

  /** Sets a reserved slot's size, checking that it fits protobuf's 2 GiB message limit. */
  int set(int slot, long size) {
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Batch too large for protobuf's 2 GiB message limit");
    }
    sizes[slot] = (int) size;
    return (int) size;
  }

  /** Forgets every slot, for the next batch. */
  void clear() {
    count = 0;
    read = 0;
  }

  /** Lets an array grown beyond {@code maxSlots} go, so that one huge batch is not kept for good. */
  void trimTo(int maxSlots) {
    if (sizes.length > maxSlots) {
      sizes = new int[64];
    }
    clear();
  }

  /** The size of the next message the writer starts. */
  int next() {
    return sizes[read++];
  }
}
