package io.pipelens.runtime.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler the JDK server sees. It matches routes exactly (the JDK matches context paths
 * by prefix, which would serve {@code /metricsfoo} as {@code /metrics}) and route trees by whole
 * path segments ({@code /api/v1} serves {@code /api/v1/x}, not {@code /api/v1x}), answers 404 and 405
 * itself, and turns a handler's exception into a logged 500 (the JDK would log it at TRACE only
 * and drop the connection).
 */
final class OpsRouter implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(OpsRouter.class);

  private final Map<String, HttpHandler> routes;
  // Longest prefix first, so that a deeper tree wins over a shallower one.
  private final List<Map.Entry<String, HttpHandler>> trees;

  OpsRouter(Map<String, HttpHandler> routes, Map<String, HttpHandler> trees) {
    this.routes = Map.copyOf(routes);
    this.trees = trees.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, HttpHandler> e) -> e.getKey().length()).reversed())
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (IOException | RuntimeException e) {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getResponseCode() == -1) { // nothing sent yet, so there is still a status to set
        log.warn("ops endpoint {} failed", path, e);
        HttpResponses.send(exchange, 500, HttpResponses.TEXT_PLAIN, "internal error\n");
      } else {
        // Usually the client went away mid-response; not worth a warning per scrape.
        log.debug("ops endpoint {} failed after the response started", path, e);
      }
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    HttpHandler handler = routes.get(path);
    if (handler == null) {
      handler = treeHandler(path);
    }
    if (handler == null) {
      HttpResponses.send(exchange, 404, HttpResponses.TEXT_PLAIN, "not found: " + path + "\n");
      return;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      HttpResponses.send(exchange, 405, HttpResponses.TEXT_PLAIN, "method not allowed: " + method + "\n");
      return;
    }
    handler.handle(exchange);
  }

  private HttpHandler treeHandler(String path) {
    for (Map.Entry<String, HttpHandler> tree : trees) {
      String prefix = tree.getKey();
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return tree.getValue();
      }
    }
    return null;
  }
}
