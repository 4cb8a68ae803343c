package io.pipelens.logsearch.elasticsearch;

import java.nio.file.Path;

/**
 * Trust settings for {@code https://} Elasticsearch URLs.
 *
 * @param caFile PEM file of the certificate authorities to trust, such as the {@code http_ca.crt}
 *     Elasticsearch generates; the JVM's trust store when left out
 * @param insecureSkipVerify trust any certificate and host name; false by default, for tests only
 */
public record ElasticsearchTlsConfig(Path caFile, Boolean insecureSkipVerify) {

  public ElasticsearchTlsConfig {
    insecureSkipVerify = insecureSkipVerify != null && insecureSkipVerify;
  }
}
