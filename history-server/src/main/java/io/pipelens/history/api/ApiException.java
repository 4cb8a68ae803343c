package io.pipelens.history.api;

/**
 * A request that gets an error answer: an HTTP status and Spark's plain-text message.
 *
 * <p>Thrown only inside {@link SparkApiHandler}; it never carries a stack trace to the client.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** 400, for a parameter Spark's API would reject. */
  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /**
   * 400 worded like Spark's {@code BadParameterException}: {@code Bad value for parameter "limit".
   * Expected a int, got "x"} (two spaces after the first full stop, as in Spark).
   */
  static ApiException badParameter(String parameter, String expected, String actual) {
    return badRequest(
        "Bad value for parameter \""
            + parameter
            + "\".  Expected a "
            + expected
            + ", got \""
            + actual
            + "\"");
  }

  /** 404 with Spark's message, e.g. {@code unknown app: foobar}. */
  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  int status() {
    return status;
  }
}
