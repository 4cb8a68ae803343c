package io.pipelens.agent.source;

/**
 * The message a framing is assembling from partial lines: capped at {@code max_line_size} bytes,
 * with a flag for what did not fit, and the offsets of the lines it came from.
 */
final class MessageBuffer {

  private static final int KEEP_UP_TO = 64 * 1024;

  private final int cap;
  private final BufferAllocator allocator;

  byte[] bytes;
  int length;
  boolean truncated;
  long start = -1;
  long end;
  long time;
  boolean stderr;
  int lastByte = -1;

  MessageBuffer(int cap, BufferAllocator allocator) {
    this.cap = cap;
    this.allocator = allocator;
  }

  boolean pending() {
    return start >= 0;
  }

  /** Makes room for {@code count} more bytes, as far as the cap allows. */
  void reserve(int count) {
    int needed = (int) Math.min(cap, (long) length + count);
    bytes = allocator.grow(bytes, length, needed, cap);
  }

  /** Appends one byte; call {@link #reserve} first. */
  void put(byte value) {
    lastByte = value & 0xff;
    if (length < cap) {
      bytes[length++] = value;
    } else {
      truncated = true;
    }
  }

  void append(byte[] source, int from, int count) {
    if (count <= 0) {
      return;
    }
    reserve(count);
    int take = Math.min(count, cap - length);
    System.arraycopy(source, from, bytes, length, take);
    length += take;
    truncated |= take < count;
    lastByte = source[from + count - 1] & 0xff;
  }

  /** Hands a pending message to {@code out} as it stands, then clears; nothing when none is pending. */
  void flushTo(MessageSink out) throws InterruptedException {
    if (pending()) {
      out.message(start, end, bytes, length, truncated, time, stderr);
      clear();
    }
  }

  void clear() {
    length = 0;
    truncated = false;
    start = -1;
    lastByte = -1;
    if (bytes != null && bytes.length > KEEP_UP_TO) {
      bytes = null;
    }
  }
}
