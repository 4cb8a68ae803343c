package io.pipelens.agent.output;

/**
 * Completes the stage of a batch that an output did not get acknowledged before it was stopped.
 * Nothing is lost: the batch's checkpoint did not move, so its records are read again after a
 * restart.
 */
public final class OutputStoppedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public OutputStoppedException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, after the last attempt failed with {@code cause}. */
  public OutputStoppedException(String message, Throwable cause) {
    super(message, cause);
  }
}
