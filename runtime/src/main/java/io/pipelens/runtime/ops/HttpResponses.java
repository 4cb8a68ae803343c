package io.pipelens.runtime.ops;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes complete, fixed-length responses; a HEAD request gets the headers only. */
final class HttpResponses {

  static final String TEXT_PLAIN = "text/plain; charset=utf-8";
  static final String APPLICATION_JSON = "application/json";

  private HttpResponses() {}

  static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // A probe or scraper must never see a cached answer.
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    if (head || body.length == 0) {
      exchange.sendResponseHeaders(status, -1); // -1: no body
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
