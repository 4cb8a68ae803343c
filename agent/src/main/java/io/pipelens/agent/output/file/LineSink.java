package io.pipelens.agent.output.file;

import java.io.IOException;

/** Where an {@link NdjsonOutput} writes its lines. Used by the output's worker thread only. */
interface LineSink extends AutoCloseable {

  /** Prepares the sink, such as creating the file. */
  void open() throws IOException;

  /**
   * Writes {@code lines[0..length)} in one piece and flushes them as far as the sink's durability
   * goes.
   */
  void write(byte[] lines, int length) throws IOException;

  /** A description for logs, such as the file's path. */
  String describe();

  @Override
  void close() throws IOException;
}
