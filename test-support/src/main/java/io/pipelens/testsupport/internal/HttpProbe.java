package io.pipelens.testsupport.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Short HTTP GETs for readiness checks, with timeouts so a hung server cannot hang a test. */
public final class HttpProbe {

  // HTTP/1.1 only: the JDK client would otherwise send an h2c upgrade header to plain-HTTP servers.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private HttpProbe() {}

  /** An HTTP answer: its status code and body. */
  public record Answer(int status, String body) {}

  /**
   * GETs {@code uri}.
   *
   * @throws IOException if nothing answers (connection refused, timeout, reset)
   */
  public static Answer get(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** Why a probe got no answer, for "last check" messages. */
  public static String describe(IOException e) {
    return "no HTTP answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
  }
}
