package io.pipelens.history.replay;

import java.util.Arrays;

/**
 * A run of consecutive lines of a log, copied out of the line scanner's buffer, so that their task
 * lines can be parsed on another thread ({@link #parseTasks()}) while the replaying thread reads on;
 * the replaying thread then applies the lines in their order. A batch is used by one thread at a
 * time and reused once applied.
 */
final class LineBatch {

  /** What an entry is; the replay treats each kind as it treats a line of the scanner. */
  static final byte LINE = 0;

  static final byte BLANK = 1;
  static final byte OVERSIZED = 2;

  /** Not a task event line, or one {@link TaskLineParser} left to Jackson. */
  static final int NOT_PARSED = -1;

  static final int BYTES = 1 << 20;
  static final int ENTRIES = 2048;

  private final TaskLineParser parser = new TaskLineParser();

  byte[] bytes = new byte[BYTES];
  int used;
  int count;
  final int[] starts = new int[ENTRIES];
  final int[] lengths = new int[ENTRIES];
  final long[] nextOffsets = new long[ENTRIES];
  final byte[] kinds = new byte[ENTRIES];
  final boolean[] unterminated = new boolean[ENTRIES];

  /** Per entry, the index in {@link TaskLineParser#EVENTS} of a line read into events[i]. */
  final int[] parsed = new int[ENTRIES];

  final TaskEvent[] events = new TaskEvent[ENTRIES];

  /** Whether a line of {@code length} bytes still fits; an empty batch takes any line. */
  boolean fits(int length) {
    return count < ENTRIES && (count == 0 || used + length <= bytes.length);
  }

  boolean full() {
    return count == ENTRIES || used >= bytes.length;
  }

  boolean isEmpty() {
    return count == 0;
  }

  void addLine(byte[] from, int start, int length, boolean last, long nextOffset) {
    if (used + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, used + length);
    }
    System.arraycopy(from, start, bytes, used, length);
    add(LINE, used, length, last, nextOffset);
    used += length;
  }

  void addOther(byte kind, boolean last, long nextOffset) {
    add(kind, used, 0, last, nextOffset);
  }

  private void add(byte kind, int start, int length, boolean last, long nextOffset) {
    kinds[count] = kind;
    starts[count] = start;
    lengths[count] = length;
    unterminated[count] = last;
    nextOffsets[count] = nextOffset;
    parsed[count] = NOT_PARSED;
    count++;
  }

  /** Reads every task line it can into {@link #events}; the others stay {@link #NOT_PARSED}. */
  LineBatch parseTasks() {
    for (int i = 0; i < count; i++) {
      if (kinds[i] != LINE) {
        continue;
      }
      int event = TaskLineParser.taskEvent(bytes, starts[i], lengths[i]);
      if (event < 0) {
        continue;
      }
      TaskEvent task = events[i];
      if (task == null) {
        task = events[i] = new TaskEvent();
      }
      try {
        if (parser.parse(event, bytes, starts[i], lengths[i], task)) {
          parsed[i] = event;
        }
      } catch (RuntimeException e) {
        // A bug here must not lose the line: Jackson reads it, as it reads any line left to it.
        parsed[i] = NOT_PARSED;
      }
    }
    return this;
  }

  /** Empties the batch for reuse, dropping a buffer grown for one long line. */
  void clear() {
    used = 0;
    count = 0;
    if (bytes.length > 2 * BYTES) {
      bytes = new byte[BYTES];
    }
  }
}
