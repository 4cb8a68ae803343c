package io.pipelens.collector.agentconfig;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /v1/agent-config?compute_type=..&namespace=..&label=k=v}: the agent's configuration
 * as YAML with its {@code ETag}; {@code 304} when {@code If-None-Match} names the current one;
 * {@code 404} when no file selects the agent (it keeps its own configuration). The caller checks
 * the method and the token first.
 */
public final class AgentConfigEndpoint {

  /** The path served. */
  public static final String PATH = "/v1/agent-config";
  /** The response header naming the file served. */
  public static final String NAME_HEADER = "X-Pipelens-Agent-Config";

  private final AgentConfigDirectory directory;

  public AgentConfigEndpoint(AgentConfigDirectory directory) {
    this.directory = directory;
  }

  /** Answers {@code exchange}; does not close it. */
  public void handle(HttpExchange exchange) throws IOException {
    AgentIdentity agent = AgentIdentity.fromQuery(exchange.getRequestURI().getRawQuery());
    Optional<AgentConfigFile> selected = directory.select(agent);
    if (selected.isEmpty()) {
      send(exchange, 404, "text/plain; charset=utf-8",
          ("no agent configuration selects " + agent + "\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    AgentConfigFile file = selected.get();
    exchange.getResponseHeaders().set("ETag", file.etag());
    exchange.getResponseHeaders().set(NAME_HEADER, file.name());
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null && matches(ifNoneMatch, file.etag())) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    send(exchange, 200, "application/yaml", file.body());
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag) || tag.equals("*")) {
        return true;
      }
    }
    return false;
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
