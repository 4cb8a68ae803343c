package io.pipelens.runtime.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, or in OpenMetrics when the
 * scraper's Accept header asks for it (Prometheus does by default).
 */
final class MetricsEndpoint implements HttpHandler {

  /** Prometheus text exposition format 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** OpenMetrics text 1.0.0. */
  static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsEndpoint(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    // The content type is chosen here and passed to scrape(), rather than handing the registry
    // the raw Accept header, so that a client asking for protobuf still gets text.
    String contentType = wantsOpenMetrics(exchange.getRequestHeaders().get("Accept"))
        ? OPENMETRICS_TEXT
        : PROMETHEUS_TEXT;
    if ("HEAD".equals(exchange.getRequestMethod())) {
      HttpResponses.send(exchange, 200, contentType, new byte[0]);
      return;
    }
    // Buffered, so that a scrape failure can still become a 500 and the length is known.
    ByteArrayOutputStream body = new ByteArrayOutputStream(32 * 1024);
    registry.scrape(body, contentType);
    HttpResponses.send(exchange, 200, contentType, body.toByteArray());
  }

  static boolean wantsOpenMetrics(List<String> acceptHeaders) {
    if (acceptHeaders == null) {
      return false;
    }
    for (String accept : acceptHeaders) {
      if (accept.contains("application/openmetrics-text")) {
        return true;
      }
    }
    return false;
  }
}
