package io.pipelens.agent.process.multiline;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Joins one file's lines into records as its {@link MultilineConfig} says, and hands each finished
 * record to a {@link Sink}. One instance per file; not thread-safe.
 *
 * <p>The record is kept as UTF-8 bytes, lines joined by {@code \n}, in a buffer that never grows
 * past {@code max_record_size}. Without a pattern, a line goes to the sink straight from the
 * caller's array, without a copy. Blank lines between records are skipped; blank lines at the end
 * of a record are left out of its text (their offsets still count towards its end).
 */
public final class LineGrouper {

  /** Receives finished records. */
  @FunctionalInterface
  public interface Sink {
    /**
     * One record.
     *
     * @param text the record's UTF-8 bytes in {@code text[0..length)}; valid only during the call
     * @param startOffset where the record's first line starts in the file
     * @param endOffset where the line after the record's last line starts
     * @param truncation why the record was cut, or null if it was not
     */
    void record(byte[] text, int length, long startOffset, long endOffset, Truncation truncation)
        throws InterruptedException;
  }

  private static final int INITIAL_BUFFER = 512;
  // A buffer that grew for one large record is given back, so thousands of idle files stay small.
  private static final int KEEP_BUFFER = 64 * 1024;

  private final Sink sink;
  private final int maxBytes;
  private final int maxLines;
  private final LineMatcher start;
  private final LineMatcher continuation;
  private final TracebackTracker tracebacks;
  private final boolean joinsLines;

  private byte[] buffer = new byte[0];
  private int length; // bytes in the buffer
  private int contentLength; // bytes up to the end of the last line that was not blank
  private int lines;
  private long startOffset;
  private long endOffset;
  private Truncation truncation;
  private boolean pending;

  /** A grouper for one file that hands records to {@code sink}. */
  public LineGrouper(MultilineConfig config, Sink sink) {
    this.sink = sink;
    this.maxBytes = (int) config.maxRecordSize().bytes();
    this.maxLines = config.maxLines();
    Pattern startRegex = config.startRegex();
    Pattern continuationRegex = config.continuationRegex();
    this.start = startRegex == null ? null : new LineMatcher(startRegex);
    this.continuation = continuationRegex == null ? null : new LineMatcher(continuationRegex);
    this.tracebacks = config.pythonTracebacks() ? new TracebackTracker() : null;
    this.joinsLines = config.joinsLines();
  }

  /** Whether a record is waiting for more lines. */
  public boolean hasPending() {
    return pending;
  }

  /** Where the waiting record's first line starts; meaningful only while {@link #hasPending()}. */
  public long pendingStartOffset() {
    return startOffset;
  }

  /**
   * The next line of the file, as {@link io.pipelens.agent.source.LineConsumer#line} gives it;
   * emits the record it finishes, if any.
   */
  public void line(long offset, long nextOffset, byte[] line, int lineLength, boolean lineTruncated)
      throws InterruptedException {
    boolean blank = isBlank(line, lineLength);
    if (!joinsLines) {
      if (!blank) {
        emitSingle(offset, nextOffset, line, lineLength, lineTruncated);
      }
      return;
    }
    boolean continues = continues(line, lineLength, blank);
    if (pending && !continues) {
      flush();
    }
    if (!pending && blank) {
      return;
    }
    if (pending && (lines >= maxLines || length + 1 + lineLength > maxBytes)) {
      // Split rather than drop: a pattern that never matches must not lose a file's lines.
      truncation = lines >= maxLines ? Truncation.MAX_LINES : Truncation.MAX_RECORD_SIZE;
      flush();
    }
    append(offset, nextOffset, line, lineLength, lineTruncated, blank);
  }

  /** Emits the waiting record, if any: the file went idle or is closed. */
  public void flush() throws InterruptedException {
    if (!pending) {
      return;
    }
    pending = false;
    Truncation cut = truncation;
    truncation = null;
    try {
      sink.record(buffer, contentLength, startOffset, endOffset, cut);
    } finally {
      length = 0;
      contentLength = 0;
      lines = 0;
      if (buffer.length > KEEP_BUFFER) {
        buffer = new byte[INITIAL_BUFFER];
      }
    }
  }

  private boolean continues(byte[] line, int lineLength, boolean blank) {
    // The tracker must see every line, whatever the patterns decide.
    boolean inTraceback = tracebacks != null && tracebacks.continues(line, lineLength, blank);
    boolean isStart = start != null && start.matches(line, lineLength);
    if (isStart) {
      return false;
    }
    if (inTraceback) {
      return true;
    }
    if (continuation != null) {
      return continuation.matches(line, lineLength);
    }
    return start != null;
  }

  private void emitSingle(long offset, long nextOffset, byte[] line, int lineLength, boolean cut)
      throws InterruptedException {
    Truncation truncated = cut ? Truncation.LINE : null;
    int length = lineLength;
    if (length > maxBytes) {
      length = Utf8Boundary.cut(line, maxBytes);
      truncated = Truncation.MAX_RECORD_SIZE;
    }
    sink.record(line, length, offset, nextOffset, truncated);
  }

  private void append(
      long offset, long nextOffset, byte[] line, int lineLength, boolean cut, boolean blank) {
    if (!pending) {
      pending = true;
      startOffset = offset;
    } else {
      ensureCapacity(length + 1);
      buffer[length++] = '\n';
    }
    int room = maxBytes - length;
    int copied = lineLength;
    if (copied > room) {
      copied = Utf8Boundary.cut(line, room);
      truncation = Truncation.MAX_RECORD_SIZE;
    } else if (cut && truncation == null) {
      truncation = Truncation.LINE;
    }
    ensureCapacity(length + copied);
    System.arraycopy(line, 0, buffer, length, copied);
    length += copied;
    if (!blank) {
      contentLength = length;
    }
    lines++;
    endOffset = nextOffset;
  }

  private void ensureCapacity(int needed) {
    if (needed > buffer.length) {
      int grown = Math.max(INITIAL_BUFFER, buffer.length * 2);
      buffer = Arrays.copyOf(buffer, Math.min(Math.max(grown, needed), maxBytes + 1));
    }
  }

  private static boolean isBlank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
