package io.pipelens.agent.remote;

import io.pipelens.agent.output.otlp.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** One poll of the collector's {@code /v1/agent-config}. */
final class RemoteConfigClient {

  /** What a poll found. */
  sealed interface Answer permits Served, NotModified, NotFound {}

  /** A configuration, with its entity tag and the name of the collector's file. */
  record Served(String yaml, String etag, String name) implements Answer {}

  /** The configuration is the one named in If-None-Match. */
  record NotModified() implements Answer {}

  /** No configuration selects this agent. */
  record NotFound(String reason) implements Answer {}

  private static final long MAX_BODY = 1024 * 1024;

  private final RemoteConfigConfig config;
  private final URI uri;
  private final HttpClient http;

  RemoteConfigClient(RemoteConfigConfig config, String computeType, String namespace) throws IOException {
    this.config = config;
    this.uri = URI.create(config.url() + (config.url().contains("?") ? "&" : "?") + query(computeType, namespace,
        config.podLabels()));
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
    if (uri.getScheme().equals("https")) {
      try {
        builder.sslContext(TlsContexts.of(config.tls()));
      } catch (GeneralSecurityException e) {
        throw new IOException("remote_config.tls: " + e.getMessage(), e);
      }
    }
    this.http = builder.build();
  }

  URI uri() {
    return uri;
  }

  /**
   * Asks for the configuration, sending {@code etags} (the applied and the rejected ones) as
   * If-None-Match.
   *
   * @throws IOException when the collector cannot be reached or answers anything else
   */
  Answer poll(Collection<String> etags) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET()
        .header("Authorization", "Bearer " + config.token().value())
        .header("Accept", "application/yaml");
    if (!etags.isEmpty()) {
      request.header("If-None-Match", String.join(", ", etags));
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return switch (response.statusCode()) {
      case 200 -> {
        if (response.body().length > MAX_BODY) {
          throw new IOException("the served configuration is larger than 1MiB");
        }
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (etag == null) {
          throw new IOException("the answer has no ETag");
        }
        yield new Served(new String(response.body(), StandardCharsets.UTF_8), etag,
            response.headers().firstValue("X-Pipelens-Agent-Config").orElse("?"));
      }
      case 304 -> new NotModified();
      case 404 -> new NotFound(new String(response.body(), StandardCharsets.UTF_8).strip());
      default -> throw new IOException("the collector answered " + response.statusCode() + " "
          + new String(response.body(), 0, Math.min(200, response.body().length), StandardCharsets.UTF_8).strip());
    };
  }

  private static String query(String computeType, String namespace, Map<String, String> labels) {
    StringBuilder query = new StringBuilder("compute_type=").append(encode(computeType));
    if (namespace != null && !namespace.isBlank()) {
      query.append("&namespace=").append(encode(namespace));
    }
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      query.append("&label=").append(encode(label.getKey() + "=" + label.getValue()));
    }
    return query.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
