package io.pipelens.testsupport;

/**
 * A test server could not be started. The message says which server, what was tried and, for a
 * child process, ends with the tail of its log, so the failing test report alone explains it.
 */
public final class TestServerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with this explanation. */
  public TestServerStartException(String message) {
    super(message);
  }

  /** An exception with this explanation and underlying cause. */
  public TestServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
