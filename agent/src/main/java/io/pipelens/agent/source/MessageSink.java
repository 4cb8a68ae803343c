package io.pipelens.agent.source;

/** Takes the logical lines a {@link LineFraming} decodes: messages, with the runtime's metadata. */
interface MessageSink {

  /** No timestamp: the line is raw, or its timestamp did not parse. */
  long NO_TIME = 0;

  /**
   * One message; {@code bytes} may be changed after the call returns.
   *
   * @param offset where the first physical line of the message starts
   * @param nextOffset where the line after its last physical line starts
   * @param timeUnixNano the container runtime's timestamp, or {@link #NO_TIME}
   * @param stderr whether the runtime says the container wrote it to stderr
   */
  void message(
      long offset,
      long nextOffset,
      byte[] bytes,
      int length,
      boolean truncated,
      long timeUnixNano,
      boolean stderr)
      throws InterruptedException;
}
