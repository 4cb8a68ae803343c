package io.pipelens.collector.sink.lucene;

import io.pipelens.core.config.Checks;
import java.time.Duration;

/**
 * The {@code lucene} section: the embedded index under {@code <data_dir>/index}, the output when
 * no {@code elasticsearch} section is configured.
 *
 * @param commitInterval how often buffered documents are committed (fsynced) and made searchable;
 *     a write is acknowledged after the commit that holds it, so this is also the longest a source
 *     waits for its acknowledgement (plus the commit's own time); 1s by default
 * @param maxPendingDocuments documents written but not yet committed beyond which sources pause;
 *     100000 by default
 */
public record LuceneSinkConfig(Duration commitInterval, Integer maxPendingDocuments) {

  public LuceneSinkConfig {
    commitInterval = commitInterval == null ? Duration.ofSeconds(1) : commitInterval;
    Checks.positive("commit_interval", commitInterval);
    maxPendingDocuments = maxPendingDocuments == null ? 100_000 : maxPendingDocuments;
    Checks.inRange("max_pending_documents", maxPendingDocuments, 1, 10_000_000);
  }

  /** Every key at its default. */
  public static LuceneSinkConfig defaults() {
    return new LuceneSinkConfig(null, null);
  }
}
