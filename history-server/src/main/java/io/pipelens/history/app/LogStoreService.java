package io.pipelens.history.app;

import io.pipelens.logsearch.LogSearch;
import io.pipelens.runtime.lifecycle.Service;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log store the UI reads ({@code logs}), opened at start and closed at stop; without a {@code
 * logs} section, {@link #search()} is null and the log pages say so.
 */
final class LogStoreService implements Service {

  private static final Logger LOG = LoggerFactory.getLogger(LogStoreService.class);

  private final LogStoreConfig config;
  private volatile LogSearch search;

  LogStoreService(LogStoreConfig config) {
    this.config = config;
  }

  /** The open store, or null when none is configured or the service is stopped. */
  LogSearch search() {
    return search;
  }

  @Override
  public String name() {
    return "history-log-store";
  }

  @Override
  public void start() throws IOException {
    if (config == null) {
      LOG.info("No log store configured (logs): the UI's log pages say so");
      return;
    }
    // Opening connects nothing yet (Lucene opens the index on the first search, Elasticsearch's
    // client on the first request), so a store that is down does not stop the history server.
    search = config.open();
    LOG.info("Log pages read {}", config.describe());
  }

  @Override
  public void stop(Duration deadline) {
    LogSearch open = search;
    search = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        LOG.warn("Closing the log store failed: {}", e.toString());
      }
    }
  }
}
