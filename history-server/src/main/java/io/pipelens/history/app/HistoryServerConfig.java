package io.pipelens.history.app;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import io.pipelens.history.access.AclConfig;
import io.pipelens.history.access.AuthConfig;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogStores;
import io.pipelens.history.source.ObjectStoreConfig;
import io.pipelens.history.store.CacheConfig;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.logging.LoggingConfig;
import io.pipelens.runtime.ops.HttpConfig;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The history server's configuration file, {@code pipelens history-server --config FILE}.
 *
 * <pre>{@code
 * log_directories:
 *   - file:///var/log/spark-events
 *   - s3://my-bucket/spark-events
 * scan_interval: 10s
 * max_decompressed_bytes: 20GiB
 * max_line_size: 64MiB
 * abandoned_after: 1h
 * cache:
 *   max_memory: 2GiB
 *   dir: /var/lib/pipelens/history
 * s3:
 *   region: eu-west-1
 * http:
 *   host: 0.0.0.0
 *   port: 18080
 * }</pre>
 *
 * @param logDirectories where Spark writes event logs ({@code spark.eventLog.dir}): {@code file:}
 *     URIs, plain paths, {@code s3://bucket/prefix} ({@code s3a://} too) or {@code
 *     oss://bucket/prefix}; at least one
 * @param scanInterval the pause between two scans of the directories; {@value
 *     #DEFAULT_SCAN_INTERVAL_SECONDS}s by default, like Spark's {@code
 *     spark.history.fs.update.interval}
 * @param http where the REST API ({@code /api/v1}) and {@code /metrics}, {@code /healthz}, {@code
 *     /readyz} listen; port {@value #DEFAULT_PORT} by default, Spark's history server port
 * @param logging log format and level
 * @param shutdownTimeout how long a SIGTERM may take; 5s by default
 * @param maxDecompressedBytes how many bytes one compressed log (all its files) may decode to;
 *     beyond it the log is skipped ({@code decompression_limit}) and its replay fails, so a zip bomb
 *     costs bounded time. 20GiB by default, above the largest Spark logs known (a TPC-DS SF200
 *     application writes about 1.1 GB)
 * @param maxLineSize the longest event line a replay reads; a longer line is skipped without being
 *     held in memory and counted as oversized. 64MiB by default (the largest Spark events, SQL
 *     plans and environment updates, are a few MB); between 1MiB and 1GiB
 * @param s3 the client for {@code s3://} directories
 * @param oss the client for {@code oss://} directories; {@code oss.endpoint} is required when one
 *     is configured
 * @param abandonedAfter how long a log without an end event may stay unchanged before its attempt
 *     is shown as abandoned rather than running (a driver that died); {@value
 *     #DEFAULT_ABANDONED_AFTER_MINUTES} minutes by default, at least 1s
 * @param cache the memory budget of replayed attempts ({@code cache.max_memory}) and their
 *     snapshots on disk ({@code cache.dir}, {@code cache.max_disk})
 * @param logs where the web UI reads log lines (the collector's Lucene index or Elasticsearch);
 *     null: the log pages say that no log store is configured
 * @param auth how a request's user is learnt: a header from a trusted proxy, basic auth, or
 *     neither (every request anonymous, the default)
 * @param acls Spark's history server ACLs; off by default. Enabled, they need {@code auth}
 */
public record HistoryServerConfig(
    List<URI> logDirectories,
    Duration scanInterval,
    HttpConfig http,
    LoggingConfig logging,
    Duration shutdownTimeout,
    DataSize maxDecompressedBytes,
    DataSize maxLineSize,
    ObjectStoreConfig s3,
    ObjectStoreConfig oss,
    Duration abandonedAfter,
    CacheConfig cache,
    LogStoreConfig logs,
    AuthConfig auth,
    AclConfig acls)
    implements ComponentConfig {

  /** Minutes without change after which a log without an end event counts as abandoned. */
  public static final int DEFAULT_ABANDONED_AFTER_MINUTES = 60;

  /** The history server's port, the same as Spark's ({@code spark.history.ui.port}). */
  public static final int DEFAULT_PORT = 18080;

  /** Seconds between scans when {@code scan_interval} is not set. */
  public static final int DEFAULT_SCAN_INTERVAL_SECONDS = 10;

  /** Applies defaults and checks every key. */
  public HistoryServerConfig {
    Checks.notEmpty("log_directories", logDirectories);
    for (URI directory : logDirectories) {
      Checks.required("log_directories", directory);
      if (EventLogStores.isObjectStore(directory)) {
        Checks.require(
            directory.getHost() != null && !directory.getHost().isEmpty(),
            "log_directories",
            directory.toString(),
            "an object store URI needs a bucket, such as s3://my-bucket/spark-events");
        continue;
      }
      Checks.require(
          directory.getScheme() == null || directory.getScheme().equalsIgnoreCase("file"),
          "log_directories",
          directory.toString(),
          "only file: URIs, plain paths, s3://bucket/prefix and oss://bucket/prefix are supported");
      Checks.require(
          isUsableLocation(directory),
          "log_directories",
          directory.toString(),
          "a file: URI needs an absolute path and no host, such as file:///var/log/spark-events");
    }
    logDirectories = List.copyOf(logDirectories);
    scanInterval =
        scanInterval == null ? Duration.ofSeconds(DEFAULT_SCAN_INTERVAL_SECONDS) : scanInterval;
    Checks.positive("scan_interval", scanInterval);
    http = http == null ? HttpConfig.defaults(DEFAULT_PORT) : http.withDefaultPort(DEFAULT_PORT);
    logging = logging == null ? LoggingConfig.defaults() : logging;
    shutdownTimeout = ComponentConfig.shutdownTimeoutOrDefault(shutdownTimeout);
    maxDecompressedBytes =
        maxDecompressedBytes == null
            ? DataSize.ofBytes(EventLogDecoder.DEFAULT_MAX_DECOMPRESSED_BYTES)
            : maxDecompressedBytes;
    Checks.require(
        maxDecompressedBytes.bytes() >= 1 << 20,
        "max_decompressed_bytes",
        maxDecompressedBytes,
        "must be at least 1MiB");
    maxLineSize =
        maxLineSize == null ? DataSize.ofBytes(EventLogReplayer.MAX_LINE_BYTES) : maxLineSize;
    Checks.require(
        maxLineSize.bytes() >= 1 << 20 && maxLineSize.bytes() <= 1 << 30,
        "max_line_size",
        maxLineSize,
        "must be between 1MiB and 1GiB");
    abandonedAfter =
        abandonedAfter == null ? Duration.ofMinutes(DEFAULT_ABANDONED_AFTER_MINUTES) : abandonedAfter;
    Checks.require(
        abandonedAfter.compareTo(Duration.ofSeconds(1)) >= 0,
        "abandoned_after",
        abandonedAfter,
        "must be at least 1s");
    cache = cache == null ? CacheConfig.defaults() : cache;
    s3 = s3 == null ? ObjectStoreConfig.defaults() : s3;
    oss = oss == null ? ObjectStoreConfig.defaults() : oss;
    boolean usesOss =
        logDirectories.stream()
            .anyMatch(d -> d.getScheme() != null && d.getScheme().equalsIgnoreCase("oss"));
    Checks.require(
        !usesOss || oss.endpoint() != null,
        "oss.endpoint",
        "is required for oss:// log directories, such as https://oss-cn-hangzhou.aliyuncs.com");
    auth = auth == null ? AuthConfig.none() : auth;
    acls = acls == null ? AclConfig.defaults() : acls;
    Checks.require(
        !acls.enabled() || auth.identifiesUsers(),
        "acls.enabled",
        "needs auth.trusted_header or auth.basic: without a user only applications open to * "
            + "could be seen");
  }

  /** The keys before {@code auth} and {@code acls}; those at their defaults. */
  public HistoryServerConfig(
      List<URI> logDirectories,
      Duration scanInterval,
      HttpConfig http,
      LoggingConfig logging,
      Duration shutdownTimeout,
      DataSize maxDecompressedBytes,
      DataSize maxLineSize,
      ObjectStoreConfig s3,
      ObjectStoreConfig oss,
      Duration abandonedAfter,
      CacheConfig cache,
      LogStoreConfig logs) {
    this(logDirectories, scanInterval, http, logging, shutdownTimeout, maxDecompressedBytes,
        maxLineSize, s3, oss, abandonedAfter, cache, logs, null, null);
  }

  private static boolean isUsableLocation(URI directory) {
    if (directory.getScheme() == null) {
      return directory.getPath() != null && !directory.getPath().isEmpty();
    }
    try {
      Path.of(directory);
      return true;
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return false;
    }
  }

  /** The keys before {@code abandoned_after}, {@code cache} and {@code logs}; those at their defaults. */
  public HistoryServerConfig(
      List<URI> logDirectories,
      Duration scanInterval,
      HttpConfig http,
      LoggingConfig logging,
      Duration shutdownTimeout,
      DataSize maxDecompressedBytes,
      DataSize maxLineSize,
      ObjectStoreConfig s3,
      ObjectStoreConfig oss) {
    this(logDirectories, scanInterval, http, logging, shutdownTimeout, maxDecompressedBytes,
        maxLineSize, s3, oss, null, null, null, null, null);
  }

  /** The five keys of the first version; the others at their defaults. */
  public HistoryServerConfig(
      List<URI> logDirectories,
      Duration scanInterval,
      HttpConfig http,
      LoggingConfig logging,
      Duration shutdownTimeout) {
    this(logDirectories, scanInterval, http, logging, shutdownTimeout, null, null, null, null, null,
        null, null, null, null);
  }

  /** A configuration listing {@code logDirectories} with every other key at its default. */
  public static HistoryServerConfig of(List<URI> logDirectories) {
    return new HistoryServerConfig(
        logDirectories, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }
}
