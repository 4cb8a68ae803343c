package io.pipelens.logsearch;

import java.time.Instant;

/**
 * A log search: every non-null criterion must hold; results come newest first ({@code @timestamp}
 * descending, then {@code event.id} descending, a total order) or, with {@link Order#OLDEST_FIRST},
 * in the reverse of that order, {@code pageSize} at a time.
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
 * @param searchAfter the {@link LogPage#nextCursor()} of the previous page, or any hit's {@link
 *     LogHit#cursor()}: the page starts after that hit in this query's order; null for the first
 * @param container {@code kubernetes.container.name}
 * @param order newest or oldest first; {@link Order#NEWEST_FIRST} when null
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
    String searchAfter,
    String container,
    Order order) {

  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 10_000;

  /** The order of hits: by {@code @timestamp}, ties by {@code event.id}, in the same direction. */
  public enum Order {
    NEWEST_FIRST,
    /** What "newer" paging and a live tail read: everything after a cursor, oldest first. */
    OLDEST_FIRST
  }

  public LogQuery {
    text = text == null || text.isBlank() ? null : text;
    pageSize = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
    order = order == null ? Order.NEWEST_FIRST : order;
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
    }
    if (searchAfter != null) {
      Cursor.decode(searchAfter); // fails early on a cursor that is not ours
    }
  }

  /** A newest-first query without a container criterion. */
  public LogQuery(String text, Instant from, Instant to, String level, String sparkAppId, String executorId,
      String pod, String namespace, Integer pageSize, String searchAfter) {
    this(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter, null, null);
  }

  /** A query matching everything, first page. */
  public static LogQuery all() {
    return new LogQuery(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Whether hits come oldest first. */
  public boolean oldestFirst() {
    return order == Order.OLDEST_FIRST;
  }

  public LogQuery withText(String text) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withTimeRange(Instant from, Instant to) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withLevel(String level) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withSparkAppId(String sparkAppId) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withExecutorId(String executorId) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withPod(String pod) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withNamespace(String namespace) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withPageSize(int pageSize) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withSearchAfter(String searchAfter) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withContainer(String container) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }

  public LogQuery withOrder(Order order) {
    return new LogQuery(text, from, to, level, sparkAppId, executorId, pod, namespace, pageSize, searchAfter,
        container, order);
  }
}
