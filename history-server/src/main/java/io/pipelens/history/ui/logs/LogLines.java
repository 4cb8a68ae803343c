package io.pipelens.history.ui.logs;

import io.pipelens.logsearch.LogHit;
import io.pipelens.logsearch.LogPage;
import io.pipelens.logsearch.LogSearch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One page of log lines in reading order (oldest first), with the cursors that page on: {@code
 * older} for the page before (null when this is the first line there is), {@code newer} for what
 * came after (null only when nothing was found and no cursor was given; a live tail keeps asking
 * with it).
 */
public record LogLines(List<Line> lines, String older, String newer) {

  /** A line and the fields the view shows, taken from the collector's document. */
  public record Line(
      String id, java.time.Instant timestamp, String level, String message, String pod, String container,
      String executor, String cursor) {}

  /** Runs {@code request} against {@code search}. */
  public static LogLines fetch(LogSearch search, LogRequest request) throws IOException {
    LogPage page = search.search(request.query());
    List<LogHit> hits = new ArrayList<>(page.hits());
    boolean full = hits.size() == request.size();
    List<Line> lines = new ArrayList<>(hits.size());
    if (request.newer() == null) {
      Collections.reverse(hits);
    }
    for (LogHit hit : hits) {
      lines.add(line(hit));
    }
    String first = lines.isEmpty() ? null : lines.get(0).cursor();
    String last = lines.isEmpty() ? null : lines.get(lines.size() - 1).cursor();
    if (request.newer() != null) {
      // After a cursor: the page before this one starts at its first line, or at the cursor.
      return new LogLines(lines, first != null ? first : request.newer(), last != null ? last : request.newer());
    }
    String older = full ? first : null;
    String newer = last != null ? last : request.older();
    return new LogLines(lines, older, newer);
  }

  private static Line line(LogHit hit) {
    Map<String, Object> source = hit.source();
    return new Line(
        hit.id(),
        hit.timestamp(),
        field(source, "log.level"),
        hit.message(),
        field(source, "kubernetes.pod.name"),
        field(source, "kubernetes.container.name"),
        field(source, "spark.executor_id"),
        hit.cursor());
  }

  /** A field of the document by its dotted name: nested objects, as the collector writes them. */
  static String field(Map<String, Object> source, String dotted) {
    Object flat = source.get(dotted);
    if (flat != null) {
      return flat.toString();
    }
    Object node = source;
    for (String part : dotted.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(part);
    }
    return node == null || node instanceof Map ? null : node.toString();
  }
}
