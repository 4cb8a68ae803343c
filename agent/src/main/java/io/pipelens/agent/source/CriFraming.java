package io.pipelens.agent.source;

/**
 * Kubernetes CRI log lines, {@code <RFC 3339 time> <stdout|stderr> <tag> <message>}, where the tag
 * is {@code F} (full) or {@code P} (partial: the runtime split a long line, typically at 16 KiB).
 * Partial lines are joined with the lines that follow up to the next {@code F} line into one
 * message that starts at the first part's offset and ends after the {@code F} line, so a
 * checkpoint never lands inside it. The joined message is capped at {@code max_line_size}.
 *
 * <p>A line that is not CRI is delivered as it is rather than dropped, and ends a join in
 * progress.
 */
final class CriFraming implements LineFraming {

  private final MessageSink out;
  private final MessageBuffer joined;

  CriFraming(MessageSink out, int maxLine, BufferAllocator allocator) {
    this.out = out;
    this.joined = new MessageBuffer(maxLine, allocator);
  }

  @Override
  public void line(long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException {
    int timeEnd = indexOf(bytes, 0, length, (byte) ' ');
    long time = timeEnd < 0 ? Rfc3339.INVALID : Rfc3339.parseNanos(bytes, 0, timeEnd);
    int streamEnd = time == Rfc3339.INVALID ? -1 : indexOf(bytes, timeEnd + 1, length, (byte) ' ');
    if (streamEnd < 0 || streamEnd + 1 >= length) {
      malformed(offset, nextOffset, bytes, length, truncated);
      return;
    }
    boolean stderr = isWord(bytes, timeEnd + 1, streamEnd, "stderr");
    if (!stderr && !isWord(bytes, timeEnd + 1, streamEnd, "stdout")) {
      malformed(offset, nextOffset, bytes, length, truncated);
      return;
    }
    byte tag = bytes[streamEnd + 1];
    if (tag != 'P' && tag != 'F') {
      malformed(offset, nextOffset, bytes, length, truncated);
      return;
    }
    int tagEnd = indexOf(bytes, streamEnd + 1, length, (byte) ' ');
    int messageStart = tagEnd < 0 ? length : tagEnd + 1;
    int messageLength = length - messageStart;
    // A physical line cut by max_line_size has lost its end; joining more onto it would be wrong.
    boolean partial = tag == 'P' && !truncated;
    if (partial) {
      if (!joined.pending()) {
        joined.start = offset;
        joined.time = time;
        joined.stderr = stderr;
      }
      joined.append(bytes, messageStart, messageLength);
      joined.end = nextOffset;
      return;
    }
    if (joined.pending()) {
      joined.append(bytes, messageStart, messageLength);
      out.message(joined.start, nextOffset, joined.bytes, joined.length,
          joined.truncated || truncated, joined.time, joined.stderr);
      joined.clear();
    } else {
      System.arraycopy(bytes, messageStart, bytes, 0, messageLength);
      out.message(offset, nextOffset, bytes, messageLength, truncated, time, stderr);
    }
  }

  private void malformed(long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException {
    finish();
    out.message(offset, nextOffset, bytes, length, truncated, MessageSink.NO_TIME, false);
  }

  @Override
  public void finish() throws InterruptedException {
    joined.flushTo(out);
  }

  @Override
  public void reset() {
    joined.clear();
  }

  @Override
  public long pendingStart() {
    return joined.start;
  }

  static int indexOf(byte[] bytes, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  static boolean isWord(byte[] bytes, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (bytes[from + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code bytes[0, length)} looks like a CRI line; for format detection. */
  static boolean looksLikeCri(byte[] bytes, int length) {
    int timeEnd = indexOf(bytes, 0, length, (byte) ' ');
    if (timeEnd < 0 || Rfc3339.parseNanos(bytes, 0, timeEnd) == Rfc3339.INVALID) {
      return false;
    }
    int streamEnd = indexOf(bytes, timeEnd + 1, length, (byte) ' ');
    return streamEnd > 0
        && streamEnd + 1 < length
        && (isWord(bytes, timeEnd + 1, streamEnd, "stdout")
            || isWord(bytes, timeEnd + 1, streamEnd, "stderr"))
        && (bytes[streamEnd + 1] == 'P' || bytes[streamEnd + 1] == 'F');
  }
}
