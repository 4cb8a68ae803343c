package io.pipelens.logsearch;

import java.time.Instant;

/**
 * A log search: every non-null criterion must hold; results come newest first ({@code @timestamp}
 * descending, then {@code event.id} descending, a total order), {@code pageSize} at a time.
 *
 * @param text words that must all occur in {@code message}, analyzed like Elasticsearch's standard
 *     analyzer (case-insensitive, split on word boundaries); null or blank matches everything
 * @param from inclusive lower bound of {@code @timestamp}; null for none
 * @param to exclusive upper bound of {@code @timestamp}; null for none
 * @param level {@code log.level}, exactly ({@code info}, {@code warn}, {@code error}, ...)
 * @param sparkAppId {@code spark.app_id}
 * @param executorId {@code spark.executor_id} ({@code driver} or the executor number)
 * @param pod {@code kubernetes.pod.name}
 * @param namespace {@code kubernetes.namespace}, as Kubernetes spells it
 * @param pageSize hits per page, 1 to {@value #MAX_PAGE_SIZE}; {@value #DEFAULT_PAGE_SIZE} when null
 * @param searchAfter the {@link LogPage#nextCursor()} of the previous page; null for the first
 */
public record LogQuery(
    String text,
    Instant from,
    Instant to,
    String level,
    String sparkAppId,
    String executorId,
    String pod,
    String namespace,
    Integer pageSize,
    String searchAfter) {

  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 10_000;

  public LogQuery {
    text = text == null || text.isBlank() ? null : text;
    pageSize = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
    }
    if (searchAfter != null) {
      Cursor.decode(searchAfter); // fails early on a cursor that is not ours
    }
  }

  /** A query matching everything, first page. */
  public static LogQuery all() {
    return new LogQuery(null, null, null, null, null, null, null, null, null, null);
  }

  public LogQuery withText(String text) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withTimeRange(Instant from, Instant to) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withLevel(String level) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withSparkAppId(String sparkAppId) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withExecutorId(String executorId) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withPod(String pod) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withNamespace(String namespace) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withPageSize(int pageSize) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }

  public LogQuery withSearchAfter(String searchAfter) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter);
  }
}
