package io.pipelens.runtime.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelens.runtime.internal.JsonStrings;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.runtime.liveness.WorkerDeath;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /readyz}: 200 {@code {"status":"ready"}} when every check passes, else 503
 * {@code {"status":"not_ready","failing":{"<check>":"<reason>",...}}}.
 *
 * <p>Besides the registered checks there is always {@value #WORKERS_CHECK}, failing while a worker
 * loop is dead, so that a dead process also leaves the Service's endpoints until it is restarted.
 */
final class ReadinessEndpoint implements HttpHandler {

  /** The check that fails while a worker loop is dead. */
  static final String WORKERS_CHECK = "workers";

  private final Readiness readiness;
  private final Liveness liveness;

  ReadinessEndpoint(Readiness readiness, Liveness liveness) {
    this.readiness = readiness;
    this.liveness = liveness;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Readiness.Result result = withWorkers(readiness.evaluate(), liveness.deadWorkers());
    HttpResponses.send(exchange, result.ready() ? 200 : 503, HttpResponses.APPLICATION_JSON, toJson(result));
  }

  /** {@code checks} plus the {@value #WORKERS_CHECK} check, which names every dead worker and its cause. */
  static Readiness.Result withWorkers(Readiness.Result checks, Map<String, WorkerDeath> dead) {
    if (dead.isEmpty()) {
      return new Readiness.Result(checks.checked() + 1, checks.failing());
    }
    Map<String, String> failing = new LinkedHashMap<>(checks.failing());
    failing.put(WORKERS_CHECK, "dead: " + dead.values().stream()
        .map(death -> death.worker() + " (" + death.summary() + ")")
        .collect(Collectors.joining(", ")));
    return new Readiness.Result(checks.checked() + 1, failing);
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
