package io.pipelens.logsearch;

import java.util.List;

/**
 * One page of hits, newest first.
 *
 * @param hits at most the query's page size
 * @param nextCursor for {@link LogQuery#withSearchAfter} to get the next page; null when this page
 *     was not full, so there is no next one
 */
public record LogPage(List<LogHit> hits, String nextCursor) {

  public LogPage {
    hits = List.copyOf(hits);
  }

  static LogPage of(List<LogHit> hits, int pageSize) {
    if (hits.size() < pageSize || hits.isEmpty()) {
      return new LogPage(hits, null);
    }
    LogHit last = hits.get(hits.size() - 1);
    return new LogPage(hits, Cursor.of(last).encode());
  }
}
