package io.pipelens.history.source;

import java.io.IOException;

/**
 * An event log whose compressed bytes cannot be used: they are not the codec's format, or they
 * decode to more than {@link EventLogDecoder#maxDecompressedBytes()}. Retrying does not help until
 * the log changes.
 */
public final class EventLogDecodeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final SkipReason reason;

  EventLogDecodeException(SkipReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** {@link SkipReason#UNDECODABLE} or {@link SkipReason#DECOMPRESSION_LIMIT}. */
  public SkipReason reason() {
    return reason;
  }
}
