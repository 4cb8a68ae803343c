package io.pipelens.sparkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.IntPredicate;

/** Asks a history server on loopback, Spark's or ours, for {@code /api/v1/...}, the same way for both. */
final class RestApi {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RestApi() {}

  /** The answer to {@code /api/v1/<path>} on {@code port}, whatever its status. */
  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/" + path))
              .timeout(Duration.ofSeconds(60))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The answer's body as JSON; fails naming the request when it is not JSON. */
  static JsonNode parse(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.uri() + ": " + response.body(), e);
    }
  }

  /**
   * Waits until the server on {@code port} answers {@code applications} with a list whose size
   * satisfies {@code enough}, and returns it; fails naming {@code who} and the last answer after
   * {@code timeout}, or at once when {@code spark}'s process (whichever server is asked) has exited.
   */
  static JsonNode awaitListing(int port, IntPredicate enough, Duration timeout, SparkHistoryServer spark,
      String who) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!spark.alive()) {
        throw new IllegalStateException("Spark's History Server exited: " + Files.readString(spark.log()));
      }
      try {
        HttpResponse<String> response = get(port, "applications");
        last = response.statusCode() + " " + response.body();
        if (response.statusCode() == 200) {
          JsonNode list = JSON.readTree(response.body());
          if (enough.test(list.size())) {
            return list;
          }
        }
      } catch (UncheckedIOException notYet) {
        last = notYet.getMessage();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(who + " server did not list the applications expected: " + last);
  }
}
