package io.pipelens.runtime.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelens.runtime.internal.JsonStrings;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.runtime.liveness.WorkerDeath;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /healthz}: 200 {@code ok} while every worker loop lives, else 503
 * {@code {"status":"dead","dead_workers":{"<worker>":{"error":"<class>","message":"<message>","since":"<instant>"},...}}},
 * so that the kubelet restarts a process that stopped doing its job.
 */
final class HealthEndpoint implements HttpHandler {

  private final Liveness liveness;

  HealthEndpoint(Liveness liveness) {
    this.liveness = liveness;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, WorkerDeath> dead = liveness.deadWorkers();
    if (dead.isEmpty()) {
      HttpResponses.send(exchange, 200, HttpResponses.TEXT_PLAIN, "ok\n");
    } else {
      HttpResponses.send(exchange, 503, HttpResponses.APPLICATION_JSON, toJson(dead));
    }
  }

  static String toJson(Map<String, WorkerDeath> dead) {
    // No stack trace: the body is for a probe and a person reading it; the trace is in the log.
    StringBuilder json = new StringBuilder("{\"status\":\"dead\",\"dead_workers\":{");
    boolean first = true;
    for (WorkerDeath death : dead.values()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      JsonStrings.appendQuoted(json, death.worker());
      json.append(":{\"error\":");
      JsonStrings.appendQuoted(json, death.error());
      json.append(",\"message\":");
      JsonStrings.appendQuoted(json, death.message());
      json.append(",\"since\":");
      JsonStrings.appendQuoted(json, death.at().toString());
      json.append('}');
    }
    return json.append("}}\n").toString();
  }
}
