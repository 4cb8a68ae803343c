package io.pipelens.agent.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cuts one file's bytes into lines on {@code \n}, dropping a {@code \r} before it, without ever
 * turning a line into a {@code String}.
 *
 * <p>A line that fits in the chunk just read is copied once, into the reader's scratch buffer. A
 * line that spans chunks is collected in this file's carry buffer, which grows to at most {@code
 * maxLine + 1} bytes (the extra byte tells a line of exactly {@code maxLine} bytes plus {@code \r}
 * from a longer one): the rest of a longer line is counted but not kept, so a 1 GiB line costs the
 * same memory as a 1 MiB one, and is delivered once, cut to {@code maxLine} bytes and marked
 * truncated, when its newline arrives.
 *
 * <p>An unfinished last line is held (and re-read after a restart, because the checkpoint never
 * passes its start) until its newline arrives or {@link #finish} is called for a file that is
 * closed for good. Delivering it earlier would split a line a writer is still writing.
 *
 * <p>Not thread-safe; one reader thread owns each file.
 */
final class LineSplitter {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // A carry buffer this large is given back after its line, so idle files do not pin memory.
  private static final int KEEP_CARRY_UP_TO = 64 * 1024;

  private final int maxLine;
  private final BufferAllocator allocator;

  private byte[] carry;
  private int carryLength;
  private long lineStart;
  private long lineLength;
  private byte lastByte;

  LineSplitter(long start, int maxLine, BufferAllocator allocator) {
    this.maxLine = maxLine;
    this.allocator = allocator;
    this.lineStart = start;
  }

  /** Where the line being collected starts: every byte before it was delivered. */
  long lineStart() {
    return lineStart;
  }

  /** Bytes of the unfinished line read so far. */
  long pendingBytes() {
    return lineLength;
  }

  /** Forgets the unfinished line; the next byte fed is at {@code offset}. */
  void reset(long offset) {
    lineStart = offset;
    lineLength = 0;
    carryLength = 0;
    if (carry != null && carry.length > KEEP_CARRY_UP_TO) {
      carry = null;
    }
  }

  /**
   * Splits {@code chunk[0, length)}, the bytes at file offset {@code chunkOffset}.
   *
   * @param scratch where a line within the chunk is copied; at least {@code min(maxLine, length)}
   *     bytes
   */
  void feed(byte[] chunk, int length, long chunkOffset, byte[] scratch, LineSink sink)
      throws InterruptedException {
    int start = 0;
    while (start < length) {
      int newline = indexOfNewline(chunk, start, length);
      if (newline < 0) {
        append(chunk, start, length - start);
        return;
      }
      long nextOffset = chunkOffset + newline + 1;
      if (lineLength == 0) {
        int content = newline - start;
        if (content > 0 && chunk[newline - 1] == '\r') {
          content--;
        }
        int kept = Math.min(content, maxLine);
        System.arraycopy(chunk, start, scratch, 0, kept);
        sink.line(lineStart, nextOffset, scratch, kept, content > maxLine);
      } else {
        append(chunk, start, newline - start);
        deliverCarry(nextOffset, sink);
      }
      lineStart = nextOffset;
      lineLength = 0;
      carryLength = 0;
      start = newline + 1;
    }
  }

  /** Delivers the unfinished last line, if any; for a file that will never grow again. */
  void finish(LineSink sink) throws InterruptedException {
    if (lineLength > 0) {
      long end = lineStart + lineLength;
      deliverCarry(end, sink);
      reset(end);
    }
  }

  // Eight bytes a step: a byte of (y - 0x01..) & ~y & 0x80.. is set where y = x ^ '\n'.. is zero,
  // and the lowest such byte is exact (false alarms only above a real newline).
  static int indexOfNewline(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long y = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long found = (y - 0x0101010101010101L) & ~y & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(byte[] bytes, int from, int count) {
    if (count == 0) {
      return;
    }
    lineLength += count;
    lastByte = bytes[from + count - 1];
    int take = Math.min(count, maxLine + 1 - carryLength);
    if (take > 0) {
      carry = allocator.grow(carry, carryLength, carryLength + take, maxLine + 1);
      System.arraycopy(bytes, from, carry, carryLength, take);
      carryLength += take;
    }
  }

  private void deliverCarry(long nextOffset, LineSink sink) throws InterruptedException {
    long content = lineLength > 0 && lastByte == '\r' ? lineLength - 1 : lineLength;
    int kept = (int) Math.min(content, maxLine);
    sink.line(lineStart, nextOffset, carry == null ? new byte[0] : carry, kept, content > maxLine);
    if (carry != null && carry.length > KEEP_CARRY_UP_TO) {
      carry = null;
    }
  }
}
