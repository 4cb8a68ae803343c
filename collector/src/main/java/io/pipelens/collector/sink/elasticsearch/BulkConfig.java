package io.pipelens.collector.sink.elasticsearch;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import java.time.Duration;

/**
 * How records are batched into {@code _bulk} requests: a request goes out when it holds {@code
 * max_actions} documents or {@code max_size} bytes, or {@code flush_interval} after its first
 * document, whichever comes first.
 *
 * @param maxActions documents per request; 5000 by default
 * @param maxSize bytes of documents per request; 5MiB by default
 * @param flushInterval the longest a document waits for its request to fill while its source keeps
 *     handing more; {@code 200ms} by default. A source that has nothing more (a short Kafka poll, an
 *     OTLP request) has what is buffered sent as soon as a request slot is free
 * @param concurrency requests in flight at once; 2 by default. Sources pause once twice this many
 *     full requests are waiting
 */
public record BulkConfig(Integer maxActions, DataSize maxSize, Duration flushInterval, Integer concurrency) {

  /** Short, for the line-to-searchable latency; under load requests fill by size long before. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

  public BulkConfig {
    maxActions = maxActions == null ? 5000 : maxActions;
    Checks.inRange("max_actions", maxActions, 1, 100_000);
    maxSize = maxSize == null ? DataSize.ofMebibytes(5) : maxSize;
    Checks.require(maxSize.bytes() >= 1024 && maxSize.bytes() <= DataSize.ofMebibytes(100).bytes(),
        "max_size", maxSize, "must be between 1KiB and 100MiB");
    flushInterval = flushInterval == null ? DEFAULT_FLUSH_INTERVAL : flushInterval;
    Checks.positive("flush_interval", flushInterval);
    concurrency = concurrency == null ? 2 : concurrency;
    Checks.inRange("concurrency", concurrency, 1, 64);
  }
}
