package io.pipelens.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;

/**
 * GETs a pipelens component's operations endpoints ({@code /healthz}, {@code /readyz},
 * {@code /metrics}) on 127.0.0.1, for tests that wait for a probe to change.
 */
public final class OpsEndpoints {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 50;

  private OpsEndpoints() {}

  /** One GET of {@code path} on {@code port}. */
  public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(REQUEST_TIMEOUT).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * GETs {@code path} until its status passes {@code status} or {@code wait} is over, and returns
   * the last answer; the caller asserts on it.
   */
  public static HttpResponse<String> awaitStatus(int port, String path, IntPredicate status, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    HttpResponse<String> response = get(port, path);
    while (!status.test(response.statusCode()) && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MILLIS);
      response = get(port, path);
    }
    return response;
  }
}
