package io.pipelens.collector.pipeline;

/** The sink stopped before it stored the records; they were not acknowledged and will be resent. */
public final class SinkStoppedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception naming the sink and what it did not do. */
  public SinkStoppedException(String message) {
    super(message);
  }
}
