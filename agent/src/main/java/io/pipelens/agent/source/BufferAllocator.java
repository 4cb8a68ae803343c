package io.pipelens.agent.source;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Allocates every byte array the reading path uses and remembers the largest, so a test can prove
 * that no input, however long its lines, makes the tailer allocate more than {@code max_line_size
 * + read_buffer_size} at once.
 */
final class BufferAllocator {

  private final AtomicInteger largest = new AtomicInteger();

  byte[] allocate(int size) {
    largest.accumulateAndGet(size, Math::max);
    return new byte[size];
  }

  /**
   * A buffer of at least {@code needed} bytes (never more than {@code cap}) holding the first
   * {@code used} bytes of {@code buffer}; {@code buffer} itself when it is large enough.
   */
  byte[] grow(byte[] buffer, int used, int needed, int cap) {
    if (buffer != null && buffer.length >= needed) {
      return buffer;
    }
    int current = buffer == null ? 0 : buffer.length;
    int size = (int) Math.min(cap, Math.max(needed, Math.max(256L, current * 2L)));
    byte[] grown = allocate(size);
    if (used > 0) {
      System.arraycopy(buffer, 0, grown, 0, used);
    }
    return grown;
  }

  /** The largest array allocated so far, in bytes. */
  int largest() {
    return largest.get();
  }
}
