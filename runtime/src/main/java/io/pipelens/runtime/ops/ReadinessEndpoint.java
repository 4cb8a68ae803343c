package io.pipelens.runtime.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelens.runtime.internal.JsonStrings;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /readyz}: 200 {@code {"status":"ready"}} when every check passes, else 503
 * {@code {"status":"not_ready","failing":{"<check>":"<reason>",...}}}.
 */
final class ReadinessEndpoint implements HttpHandler {

  private final Readiness readiness;

  ReadinessEndpoint(Readiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Readiness.Result result = readiness.evaluate();
    HttpResponses.send(exchange, result.ready() ? 200 : 503, HttpResponses.APPLICATION_JSON, toJson(result));
  }

  static String toJson(Readiness.Result result) {
    if (result.ready()) {
      return "{\"status\":\"ready\"}\n";
    }
    StringBuilder json = new StringBuilder("{\"status\":\"not_ready\",\"failing\":{");
    boolean first = true;
    for (Map.Entry<String, String> failing : result.failing().entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      JsonStrings.appendQuoted(json, failing.getKey());
      json.append(':');
      JsonStrings.appendQuoted(json, failing.getValue());
    }
    return json.append("}}\n").toString();
  }
}
