package io.pipelens.history.ui.http;

/** A request the UI answers with an error page (or a JSON error under {@code /ui/api}). */
public final class UiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public UiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public static UiException notFound(String message) {
    return new UiException(404, message);
  }

  public static UiException badRequest(String message) {
    return new UiException(400, message);
  }

  public int status() {
    return status;
  }
}
