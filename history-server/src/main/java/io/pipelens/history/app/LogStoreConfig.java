package io.pipelens.history.app;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;
import io.pipelens.logsearch.ElasticsearchLogSearch;
import io.pipelens.logsearch.LogSearch;
import io.pipelens.logsearch.LuceneLogSearch;
import io.pipelens.logsearch.elasticsearch.ElasticsearchConnection;
import io.pipelens.logsearch.elasticsearch.ElasticsearchTlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code logs} section: where the web UI reads the log lines the collector stored, exactly one
 * of the two stores.
 *
 * <pre>{@code
 * logs:
 *   lucene:
 *     index_dir: /var/lib/pipelens/collector/index
 * }</pre>
 *
 * @param lucene the collector's embedded index, read-only
 * @param elasticsearch the collector's Elasticsearch data streams
 */
public record LogStoreConfig(Lucene lucene, Elasticsearch elasticsearch) {

  public LogStoreConfig {
    Checks.require(
        (lucene == null) != (elasticsearch == null),
        lucene == null ? "lucene" : "elasticsearch",
        "set exactly one of lucene and elasticsearch");
  }

  /** Opens the configured store for searching. */
  public LogSearch open() throws IOException {
    return lucene != null
        ? LuceneLogSearch.open(lucene.indexDir())
        : ElasticsearchLogSearch.create(elasticsearch.connection(), elasticsearch.indexPrefix());
  }

  /** Where the store is, for logs and pages; no credentials. */
  public String describe() {
    return lucene != null
        ? "the Lucene index in " + lucene.indexDir()
        : "Elasticsearch at " + String.join(", ", elasticsearch.urls());
  }

  /**
   * {@code logs.lucene}.
   *
   * @param indexDir the collector's {@code <data_dir>/index}; required, absolute. Opened read-only:
   *     Lucene allows one writer (the collector) and any number of readers
   */
  public record Lucene(Path indexDir) {
    public Lucene {
      Checks.required("index_dir", indexDir);
      Checks.require(indexDir.isAbsolute(), "index_dir", indexDir, "must be an absolute path");
    }
  }

  /**
   * {@code logs.elasticsearch}: the collector's {@code elasticsearch} connection keys and its {@code
   * index_prefix}.
   */
  public record Elasticsearch(
      List<String> urls,
      String username,
      Secret password,
      Secret apiKey,
      ElasticsearchTlsConfig tls,
      String indexPrefix) {

    public Elasticsearch {
      ElasticsearchConnection connection =
          new ElasticsearchConnection(urls, username, password, apiKey, tls);
      urls = connection.urls();
      tls = connection.tls();
      indexPrefix = indexPrefix == null ? "logs" : indexPrefix;
      Checks.require(
          indexPrefix.matches("[a-z0-9][a-z0-9_]{0,29}"),
          "index_prefix",
          indexPrefix,
          "must be 1 to 30 lower-case letters, digits or _, starting with a letter or digit");
    }

    public ElasticsearchConnection connection() {
      return new ElasticsearchConnection(urls, username, password, apiKey, tls);
    }
  }
}
