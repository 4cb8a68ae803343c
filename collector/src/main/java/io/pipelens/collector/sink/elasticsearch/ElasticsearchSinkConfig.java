package io.pipelens.collector.sink.elasticsearch;

import io.pipelens.collector.deadletter.DeadLetterConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;
import io.pipelens.logsearch.elasticsearch.ElasticsearchConnection;
import io.pipelens.logsearch.elasticsearch.ElasticsearchTlsConfig;
import java.time.Duration;
import java.util.List;

/**
 * The {@code elasticsearch} section: where records are indexed, as data streams named {@code
 * <index_prefix>-<stream>.<engine>-<namespace>}.
 *
 * @param urls one or more {@code http://} or {@code https://} node addresses; required
 * @param username basic authentication user, with {@code password}
 * @param password basic authentication password, with {@code username}
 * @param apiKey an API key (the base64 {@code id:key} Elasticsearch returns as {@code encoded});
 *     instead of username and password
 * @param tls trust settings for {@code https://} URLs
 * @param bulk batching of bulk requests
 * @param indexPrefix the data stream type, first part of every data stream name; {@code logs} by
 *     default
 * @param numberOfReplicas {@code index.number_of_replicas} of the backing indices; 1 by default
 * @param retention how long Elasticsearch keeps data (the data stream lifecycle's {@code
 *     data_retention} in the index template); left out, retention is the operator's
 * @param deadLetter where records Elasticsearch rejects for good go, with the reason
 */
public record ElasticsearchSinkConfig(
    List<String> urls,
    String username,
    Secret password,
    Secret apiKey,
    ElasticsearchTlsConfig tls,
    BulkConfig bulk,
    String indexPrefix,
    Integer numberOfReplicas,
    Duration retention,
    DeadLetterConfig deadLetter) {

  /** The data stream type when none is configured. */
  public static final String DEFAULT_INDEX_PREFIX = "logs";

  public ElasticsearchSinkConfig {
    ElasticsearchConnection connection = new ElasticsearchConnection(urls, username, password, apiKey, tls);
    urls = connection.urls();
    tls = connection.tls();
    bulk = bulk == null ? new BulkConfig(null, null, null, null) : bulk;
    indexPrefix = indexPrefix == null ? DEFAULT_INDEX_PREFIX : indexPrefix;
    Checks.require(indexPrefix.matches("[a-z0-9][a-z0-9_]{0,29}"), "index_prefix", indexPrefix,
        "must be 1 to 30 lower-case letters, digits or _, starting with a letter or digit");
    numberOfReplicas = numberOfReplicas == null ? 1 : numberOfReplicas;
    Checks.inRange("number_of_replicas", numberOfReplicas, 0, 10);
    Checks.positive("retention", retention);
    deadLetter = deadLetter == null ? new DeadLetterConfig(null, null) : deadLetter;
  }

  /** The node addresses, credentials and TLS settings, for a REST client. */
  public ElasticsearchConnection connection() {
    return new ElasticsearchConnection(urls, username, password, apiKey, tls);
  }

}
