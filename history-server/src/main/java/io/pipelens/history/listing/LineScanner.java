package io.pipelens.history.listing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without decoding them, tracking each line's
 * absolute byte offset.
 *
 * <p>Lines longer than the limit are not buffered: the scanner keeps their first bytes as a prefix
 * (enough to read the {@code Event} name) and discards the rest. The current line's bytes are valid
 * until the next call to {@link #next()}.
 */
public final class LineScanner {

  /** Bytes of an oversized line kept for inspection. */
  static final int OVERSIZED_PREFIX_BYTES = 4096;

  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final int maxLineBytes;
  private byte[] buffer;
  private int start;
  private int end;
  private long base;
  private boolean eof;

  private byte[] lineBuffer;
  private int lineStart;
  private int lineLength;
  private long lineOffset;
  private boolean terminated;
  private boolean oversized;

  /**
   * @param in the bytes to split
   * @param firstOffset the absolute offset of the stream's first byte
   * @param maxLineBytes the longest line that is buffered whole
   */
  public LineScanner(InputStream in, long firstOffset, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive");
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.buffer = new byte[Math.min(INITIAL_BUFFER_BYTES, maxLineBytes)];
    this.base = firstOffset;
  }

  /** Advances to the next line; false at the end of the stream. */
  public boolean next() throws IOException {
    int scanFrom = start;
    while (true) {
      int newline = indexOfNewline(buffer, scanFrom, end);
      if (newline >= 0) {
        setLine(buffer, start, newline - start, base + start, true, false);
        start = newline + 1;
        return true;
      }
      if (eof) {
        if (start < end) {
          setLine(buffer, start, end - start, base + start, false, false);
          start = end;
          return true;
        }
        return false;
      }
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        base += start;
        end -= start;
        start = 0;
      }
      scanFrom = end;
      if (end == buffer.length) {
        if (buffer.length >= maxLineBytes) {
          return skipOversizedLine();
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxLineBytes));
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    }
  }

  /** The buffer holding the current line (or, if {@link #oversized()}, its prefix). */
  public byte[] buffer() {
    return lineBuffer;
  }

  /** Where the current line starts in {@link #buffer()}. */
  public int lineStart() {
    return lineStart;
  }

  /** Bytes of the current line in {@link #buffer()}, without the {@code \n}. */
  public int lineLength() {
    return lineLength;
  }

  /** Absolute offset of the current line's first byte. */
  public long lineOffset() {
    return lineOffset;
  }

  /** Whether the current line ended with {@code \n} (false only for a last, unfinished line). */
  public boolean terminated() {
    return terminated;
  }

  /** Whether the current line was longer than the limit, so only its prefix is available. */
  public boolean oversized() {
    return oversized;
  }

  /** Absolute offset of the first byte after the current line. */
  public long nextOffset() {
    return base + start;
  }

  private boolean skipOversizedLine() throws IOException {
    // Called with the buffer full of one unfinished line (start == 0). Keep a copy of the prefix:
    // the buffer is reused below while the rest of the line streams by.
    byte[] prefix = Arrays.copyOf(buffer, Math.min(OVERSIZED_PREFIX_BYTES, end));
    long offset = base;
    base += end;
    start = 0;
    end = 0;
    while (true) {
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        eof = true;
        setLine(prefix, 0, prefix.length, offset, false, true);
        return true;
      }
      int newline = indexOfNewline(buffer, 0, n);
      if (newline >= 0) {
        end = n;
        start = newline + 1;
        setLine(prefix, 0, prefix.length, offset, true, true);
        return true;
      }
      base += n;
    }
  }

  private void setLine(
      byte[] bytes, int from, int length, long offset, boolean terminated, boolean oversized) {
    this.lineBuffer = bytes;
    this.lineStart = from;
    this.lineLength = length;
    this.lineOffset = offset;
    this.terminated = terminated;
    this.oversized = oversized;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The first {@code \n} in {@code bytes[from, to)}, or -1; eight bytes at a time, since a replay
   * looks at every byte of the log here.
   */
  public static int indexOfNewline(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
      // The high bit of the lowest zero byte of x (a newline) is set exactly.
      long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
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
}
