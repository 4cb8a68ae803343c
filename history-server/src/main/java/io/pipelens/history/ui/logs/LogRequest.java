package io.pipelens.history.ui.logs;

import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.UiException;
import io.pipelens.logsearch.LogQuery;
import java.time.Instant;

/**
 * What a log page or {@code /ui/api/logs} asks the log store for: the application's lines,
 * narrowed by executor, pod, container, level, words and a time window, one page at a time.
 *
 * @param older a cursor: the page of lines just before that line
 * @param newer a cursor: the lines just after that line, oldest first (newer paging, live tail)
 */
public record LogRequest(
    String appId,
    String executor,
    String pod,
    String container,
    String level,
    String text,
    Instant from,
    Instant to,
    String older,
    String newer,
    int size) {

  public static final int DEFAULT_SIZE = 100;
  public static final int MAX_SIZE = 1000;
  static final String[] LEVELS = {"trace", "debug", "info", "warn", "error", "fatal"};

  public LogRequest {
    if (older != null && newer != null) {
      throw UiException.badRequest("older and newer: give one cursor, not both");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw UiException.badRequest("from must be before to");
    }
  }

  /** The filters of a request, checked; the time window may be given by a task instead. */
  public static LogRequest from(Params params, String appId, Instant defaultFrom, Instant defaultTo) {
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    return new LogRequest(
        appId,
        params.executorId("executor"),
        params.kubernetesName("pod"),
        params.kubernetesName("container"),
        params.choice("level", LEVELS),
        params.text("q"),
        from != null ? from : defaultFrom,
        to != null ? to : defaultTo,
        cursor(params, "older"),
        cursor(params, "newer"),
        params.number("size", DEFAULT_SIZE, 1, MAX_SIZE));
  }

  private static String cursor(Params params, String name) {
    String value = params.text(name);
    if (value == null) {
      return null;
    }
    try {
      LogQuery.all().withSearchAfter(value);
    } catch (IllegalArgumentException e) {
      throw UiException.badRequest(name + ": not a cursor of this log view");
    }
    return value;
  }

  /** The store query: newest first before a cursor (or from the end), oldest first after one. */
  LogQuery query() {
    LogQuery query =
        LogQuery.all()
            .withSparkAppId(appId)
            .withExecutorId(executor)
            .withPod(pod)
            .withContainer(container)
            .withLevel(level)
            .withText(text)
            .withTimeRange(from, to)
            .withPageSize(size);
    if (newer != null) {
      return query.withOrder(LogQuery.Order.OLDEST_FIRST).withSearchAfter(newer);
    }
    return query.withSearchAfter(older);
  }
}
