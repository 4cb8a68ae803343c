package io.pipelens.logsearch.elasticsearch;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;
import java.net.URI;
import java.util.List;

/**
 * Where an Elasticsearch cluster is and how to log in: what the collector's {@code elasticsearch}
 * section and the history server's {@code logs.elasticsearch} section have in common.
 *
 * @param urls one or more {@code http://} or {@code https://} node addresses; required
 * @param username basic authentication user, with {@code password}
 * @param password basic authentication password, with {@code username}
 * @param apiKey an API key (the base64 {@code id:key} Elasticsearch returns as {@code encoded});
 *     instead of username and password
 * @param tls trust settings for {@code https://} URLs
 */
public record ElasticsearchConnection(
    List<String> urls, String username, Secret password, Secret apiKey, ElasticsearchTlsConfig tls) {

  public ElasticsearchConnection {
    Checks.notEmpty("urls", urls);
    urls = List.copyOf(urls);
    for (String url : urls) {
      Checks.require(isHttpUrl(url), "urls", url, "must be an http:// or https:// URL such as http://es:9200");
    }
    Checks.require((username == null) == (password == null), username == null ? "password" : "username",
        "username and password go together; set both or neither");
    Checks.require(apiKey == null || username == null, "api_key",
        "set api_key or username and password, not both");
    tls = tls == null ? new ElasticsearchTlsConfig(null, null) : tls;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }
}
