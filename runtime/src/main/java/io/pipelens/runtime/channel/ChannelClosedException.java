package io.pipelens.runtime.channel;

/** The sender was closed before the receiver acknowledged the batch; its records were not stored. */
public final class ChannelClosedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception naming the channel and what did not happen. */
  public ChannelClosedException(String message) {
    super(message);
  }
}
