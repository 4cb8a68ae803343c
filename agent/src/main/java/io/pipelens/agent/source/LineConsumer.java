package io.pipelens.agent.source;

/**
 * Where the tailer hands what it reads. The tailer calls it on its reader thread, in file order;
 * a call may block, which is how backpressure reaches the files: a slow output stops reading, and
 * the files stay the buffer.
 */
public interface LineConsumer {

  /**
   * One line of {@code file}, without its line terminator ({@code \n} or {@code \r\n}).
   *
   * @param offset the byte offset in the file where the line starts
   * @param nextOffset the byte offset where the next line starts (after the terminator); the
   *     checkpoint may move here once everything up to it is acknowledged
   * @param bytes the line's bytes; valid only during the call, so copy what you keep
   * @param length how many bytes of {@code bytes} are the line
   * @param truncated true when the line was longer than the maximum record size and {@code bytes}
   *     holds only its first part; the rest was skipped up to {@code nextOffset}
   */
  void line(SourceFile file, long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException;

  /**
   * A read of {@code file} just returned more bytes: the lines handed from now on, up to the next
   * call for the file, end in them, so they were all observed now, and a consumer may read its
   * clock once for all of them rather than once a line. Called before the first such line, not for
   * a read that completes none. Nothing by default.
   */
  default void read(SourceFile file) {}

  /**
   * {@code file} has had no new data for a while; flush whatever is held for it (a multiline record
   * waiting for its continuation lines).
   */
  void idle(SourceFile file) throws InterruptedException;

  /** {@code file} is done (rotated away and read to its end, or deleted): flush and drop its state. */
  void closed(SourceFile file) throws InterruptedException;
}
