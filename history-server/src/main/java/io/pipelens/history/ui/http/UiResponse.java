package io.pipelens.history.ui.http;

import java.nio.charset.StandardCharsets;

/**
 * A whole answer, rendered before anything is sent: pages are small (they paginate), and a page
 * rendered under a replay's read lock must not hold it while a slow client reads.
 *
 * @param location the {@code Location} of a redirect; null otherwise
 */
public record UiResponse(int status, String contentType, byte[] body, String location) {

  public static final String HTML = "text/html; charset=utf-8";
  public static final String JSON = "application/json; charset=utf-8";

  public static UiResponse html(int status, String html) {
    return new UiResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), null);
  }

  public static UiResponse json(int status, byte[] json) {
    return new UiResponse(status, JSON, json, null);
  }

  /** 302 to a path of this server. */
  public static UiResponse redirect(String location) {
    return new UiResponse(302, "text/plain; charset=utf-8", new byte[0], location);
  }
}
