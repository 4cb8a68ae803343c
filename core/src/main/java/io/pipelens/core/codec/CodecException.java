package io.pipelens.core.codec;

/**
 * Bytes that are not a valid encoded batch: corrupt, truncated, or of another format. Checked, so a
 * consumer decides what a bad message means to it (skip it, dead-letter it) instead of letting it
 * kill a polling loop.
 */
public final class CodecException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public CodecException(String message) {
    super(message);
  }

  /** An exception with this message and the parser's own exception as its cause. */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
