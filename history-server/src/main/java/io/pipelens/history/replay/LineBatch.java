package io.pipelens.history.replay;

import io.pipelens.history.listing.LineScanner;
import java.util.Arrays;

/**
 * A run of a log's bytes as they were read, so that a parsing thread can split them into lines and
 * read their task lines ({@link #parseTasks()}) while the replaying thread reads on into the next
 * batch; the replaying thread then applies the lines in their order. The bytes are never copied
 * line by line: the replaying thread reads straight into {@link #bytes} and moves only the
 * unfinished line at the end into the next batch. A batch is used by one thread at a time and
 * reused once applied.
 *
 * <p>Entries the replaying thread found itself (an oversized line it skipped while reading) come
 * before the lines of {@code bytes[0, splitEnd)}, which always start after them in the log.
 */
final class LineBatch {

  /** What an entry is; the replay treats each kind as it treats a line of the scanner. */
  static final byte LINE = 0;

  static final byte BLANK = 1;
  static final byte OVERSIZED = 2;

  /** Not a task event line, or one {@link TaskLineParser} left to Jackson. */
  static final int NOT_PARSED = -1;

  static final int BYTES = 1 << 20;
  private static final int ENTRIES = 2048;

  private final TaskLineParser parser = new TaskLineParser();

  /** The log's bytes from {@link #base} on, read into it from index 0. */
  byte[] bytes = new byte[BYTES];

  /** Bytes of {@link #bytes} filled. */
  int used;

  /** The log offset of {@code bytes[0]}. */
  long base;

  /**
   * End of the bytes {@link #parseTasks()} splits into lines; a rest after the last newline before
   * it is an unfinished last line (the end of the log).
   */
  int splitEnd;

  /** Lines of this many bytes or more are oversized: skipped, as the line scanner skips them. */
  int maxLineBytes = Integer.MAX_VALUE;

  int count;
  int[] starts = new int[ENTRIES];
  int[] lengths = new int[ENTRIES];
  long[] nextOffsets = new long[ENTRIES];
  byte[] kinds = new byte[ENTRIES];
  boolean[] unterminated = new boolean[ENTRIES];

  /** Per entry, the index in {@link TaskLineParser#EVENTS} of a line read into events[i]. */
  int[] parsed = new int[ENTRIES];

  TaskEvent[] events = new TaskEvent[ENTRIES];

  boolean isEmpty() {
    return count == 0 && splitEnd == 0;
  }

  /** An entry without bytes (a line skipped as oversized), ahead of the lines still to split. */
  void addOther(byte kind, boolean last, long nextOffset) {
    add(kind, 0, 0, last, nextOffset);
  }

  private void add(byte kind, int start, int length, boolean last, long nextOffset) {
    if (count == kinds.length) {
      resize(2 * kinds.length);
    }
    kinds[count] = kind;
    starts[count] = start;
    lengths[count] = length;
    unterminated[count] = last;
    nextOffsets[count] = nextOffset;
    parsed[count] = NOT_PARSED;
    count++;
  }

  private void resize(int size) {
    starts = Arrays.copyOf(starts, size);
    lengths = Arrays.copyOf(lengths, size);
    nextOffsets = Arrays.copyOf(nextOffsets, size);
    kinds = Arrays.copyOf(kinds, size);
    unterminated = Arrays.copyOf(unterminated, size);
    parsed = Arrays.copyOf(parsed, size);
    events = Arrays.copyOf(events, size);
  }

  /**
   * Splits {@code bytes[0, splitEnd)} into entries, as the line scanner splits a stream, and reads
   * every task line it can into {@link #events}; the others stay {@link #NOT_PARSED}. A task line
   * the parser reads is found to end where its JSON ends; only the other lines are searched for
   * their newline.
   */
  LineBatch parseTasks() {
    int from = 0;
    while (from < splitEnd) {
      int lineEnd = task(from);
      if (lineEnd < 0) {
        int newline = LineScanner.indexOfNewline(bytes, from, splitEnd);
        lineEnd = newline < 0 ? splitEnd : newline;
        int length = lineEnd - from;
        byte kind = length >= maxLineBytes ? OVERSIZED : isBlank(bytes, from, length) ? BLANK : LINE;
        add(kind, from, kind == LINE ? length : 0, lineEnd == splitEnd, next(lineEnd));
      }
      from = lineEnd == splitEnd ? splitEnd : lineEnd + 1;
    }
    return this;
  }

  private long next(int lineEnd) {
    return base + (lineEnd == splitEnd ? splitEnd : lineEnd + 1);
  }

  /**
   * Reads the task line at {@code from} into the next entry, if it is one the parser reads and
   * shorter than the limit; returns its end (its newline, or splitEnd), or -1 with no entry added.
   */
  private int task(int from) {
    int event = TaskLineParser.taskEvent(bytes, from, splitEnd - from);
    if (event < 0) {
      return -1;
    }
    if (count == kinds.length) {
      resize(2 * kinds.length);
    }
    TaskEvent task = events[count];
    if (task == null) {
      task = events[count] = new TaskEvent();
    }
    int lineEnd;
    try {
      lineEnd = parser.parseLine(event, bytes, from, splitEnd, task);
    } catch (RuntimeException e) {
      // A bug here must not lose the line: Jackson reads it, as it reads any line left to it.
      return -1;
    }
    if (lineEnd < 0 || lineEnd - from >= maxLineBytes) {
      return -1;
    }
    add(LINE, from, lineEnd - from, lineEnd == splitEnd, next(lineEnd));
    parsed[count - 1] = event;
    return lineEnd;
  }

  /** Empties the batch for reuse from {@code offset}, dropping buffers grown for long lines. */
  void clear(long offset) {
    used = 0;
    count = 0;
    splitEnd = 0;
    base = offset;
    if (bytes.length > 2 * BYTES) {
      bytes = new byte[BYTES];
    }
    if (kinds.length > 8 * ENTRIES) {
      resize(ENTRIES);
    }
  }

  /** Empty or only spaces, tabs and carriage returns: a line without an event. */
  static boolean isBlank(byte[] bytes, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\r' && bytes[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
