package io.pipelens.agent.source;

/** Takes the physical lines {@link LineSplitter} cuts out of a file. */
interface LineSink {

  /** See {@link LineConsumer#line}: {@code bytes[0, length)} is the line without its terminator. */
  void line(long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException;
}
