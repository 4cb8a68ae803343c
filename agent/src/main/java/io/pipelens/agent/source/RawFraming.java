package io.pipelens.agent.source;

/** Plain text files: a line is a message. */
final class RawFraming implements LineFraming {

  private final MessageSink out;

  RawFraming(MessageSink out) {
    this.out = out;
  }

  @Override
  public void line(long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException {
    out.message(offset, nextOffset, bytes, length, truncated, MessageSink.NO_TIME, false);
  }

  @Override
  public void finish() {}

  @Override
  public void reset() {}

  @Override
  public long pendingStart() {
    return -1;
  }
}
