package io.pipelens.agent.source;

/**
 * Turns a file's physical lines into messages: raw lines pass through, CRI and Docker JSON lines
 * are unwrapped and their partial lines joined. One instance per file; not thread-safe.
 */
interface LineFraming extends LineSink {

  /** Delivers a message still waiting for its last part; for a file closed for good. */
  void finish() throws InterruptedException;

  /** Drops any waiting parts: the file is read again from {@link #pendingStart()} or truncated. */
  void reset();

  /** Where the first waiting part starts, or -1 when nothing waits. */
  long pendingStart();
}
