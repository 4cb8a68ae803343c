package io.pipelens.logsearch;

import java.io.IOException;

/**
 * Searches the collector's documents, wherever they are stored: {@link LuceneLogSearch} over the
 * embedded index, {@link ElasticsearchLogSearch} over the data streams. Both give the same answer
 * to the same {@link LogQuery} over the same records. Thread-safe.
 */
public interface LogSearch extends AutoCloseable {

  /** One page of documents matching {@code query}, newest first. */
  LogPage search(LogQuery query) throws IOException;

  @Override
  void close() throws IOException;
}
