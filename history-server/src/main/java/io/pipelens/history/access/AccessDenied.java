package io.pipelens.history.access;

/**
 * A request that may not have what it asks for: 401 when it carries no (valid) credentials and
 * basic auth could supply them, 403 when the user is known, or cannot be, and is not allowed.
 */
public final class AccessDenied extends Exception {

  private final int status;
  private final String challenge;

  private AccessDenied(int status, String message, String challenge) {
    super(message, null, false, false);
    this.status = status;
    this.challenge = challenge;
  }

  /** 401 with a {@code WWW-Authenticate} challenge. */
  static AccessDenied unauthenticated(String message, String challenge) {
    return new AccessDenied(401, message, challenge);
  }

  /** 403. */
  static AccessDenied forbidden(String message) {
    return new AccessDenied(403, message, null);
  }

  /** 401 or 403. */
  public int status() {
    return status;
  }

  /** The {@code WWW-Authenticate} value to send with a 401; null with a 403. */
  public String challenge() {
    return challenge;
  }
}
