package io.pipelens.history.ui.page;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import io.pipelens.history.ui.logs.LogLines;
import io.pipelens.history.ui.logs.LogRequest;
import io.pipelens.history.ui.logs.TaskWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /ui/apps/{appId}/logs}: the log lines of the application, its driver, one executor, a
 * pod or container, or a failed task (its executor and time window, the lines naming its error
 * marked), read from the log store, so they are there after the pods are gone. A text search, a
 * level filter, older and newer pages, and a live tail while the application runs.
 *
 * <p>Parameters: {@code executor}, {@code pod}, {@code container}, {@code task} (a task id of the
 * attempt), {@code level}, {@code q}, {@code from} and {@code to} (ISO-8601), {@code older} and
 * {@code newer} (cursors), {@code size}, {@code attempt}.
 */
public final class LogPage {

  private LogPage() {}

  /**
   * @param lines null when no log store is configured
   * @param storeProblem why the store did not answer, or null
   */
  public static String render(
      ApplicationSummary app, AttemptSummary attempt, LogRequest request, TaskWindow task,
      Long taskId, LogLines lines, String storeProblem, boolean configured) {
    String title =
        task != null ? "Logs of task " + task.task().taskId()
        : taskId != null ? "Logs of task " + taskId
        : "driver".equals(request.executor()) ? "Logs of the driver"
        : request.executor() != null ? "Logs of executor " + request.executor()
        : request.pod() != null ? "Logs of pod " + request.pod()
        : "Logs of " + app.id();
    Map<String, String> filters = filters(request, attempt.attemptId(), taskId);
    return Layout.page(
        title,
        List.of(new Layout.Crumb("Applications", Urls.apps()),
            new Layout.Crumb(app.id(), Urls.app(app.id(), attempt.attemptId())),
            new Layout.Crumb("Logs", null)),
        html -> {
          if (task != null) {
            taskContext(html, app.id(), attempt.attemptId(), task);
          }
          form(html, app.id(), request, attempt.attemptId(), taskId);
          if (!configured) {
            html.open("p", "class", "notice", "role", "status")
                .text("No log store is configured, so log lines cannot be shown. Set logs.lucene.index_dir "
                    + "(the collector's embedded index) or logs.elasticsearch in the history server's "
                    + "configuration.")
                .close("p");
            return;
          }
          if (storeProblem != null) {
            html.element("p", "The log store did not answer: " + storeProblem, "class", "notice", "role", "alert");
            return;
          }
          html.open("section", "aria-labelledby", "lines-heading")
              .element("h2", "Log lines", "id", "lines-heading");
          paging(html, app.id(), filters, lines);
          String api = "/ui/api/logs" + Urls.query(apiQuery(app.id(), request));
          html.open("div", "class", "tail-controls");
          if (!attempt.completed()) {
            html.element("button", "Live tail", "type", "button", "id", "tail", "aria-pressed", "false",
                "aria-controls", "log-lines");
          }
          html.element("span", "", "id", "tail-status", "role", "status", "aria-live", "polite");
          html.close("div");
          html.open("ol", "class", "log", "id", "log-lines", "data-api", api,
              "data-newer", lines.newer(), "aria-label", "Log lines, oldest first");
          for (LogLines.Line line : lines.lines()) {
            boolean match = task != null && task.matches(line.message());
            html.open("li", "class", "line level-" + (line.level() == null ? "none" : line.level())
                    + (match ? " match" : ""), "data-id", line.id())
                .element("time", Format.timeMillis(line.timestamp()), "datetime", line.timestamp().toString())
                .element("span", line.level() == null ? "" : line.level().toUpperCase(java.util.Locale.ROOT), "class", "lvl")
                .element("span", source(line), "class", "src")
                .open("span", "class", "msg");
            if (match) {
              html.element("strong", "⚑ task error ", "class", "match-flag");
            }
            html.text(line.message()).close("span").close("li");
          }
          html.close("ol");
          if (lines.lines().isEmpty()) {
            html.element("p", "No log line matches." + (task != null
                ? " The window is the task's run on executor " + task.task().executorId() + " ± "
                    + TaskWindow.MARGIN.toSeconds() + " s." : ""), "class", "notice", "id", "no-lines");
          }
          paging(html, app.id(), filters, lines);
          html.close("section");
        });
  }

  private static String source(LogLines.Line line) {
    StringBuilder out = new StringBuilder();
    if (line.pod() != null) {
      out.append(line.pod());
    }
    if (line.container() != null) {
      out.append(out.length() > 0 ? "/" : "").append(line.container());
    }
    if (out.length() == 0 && line.executor() != null) {
      out.append("executor ").append(line.executor());
    }
    return out.toString();
  }

  private static void taskContext(Html html, String appId, String attemptId, TaskWindow window) {
    html.open("section", "class", "failure", "aria-labelledby", "task-heading")
        .element("h2", "Task " + window.task().taskId() + " (" + Widgets.label(window.task().status().name()) + ")", "id", "task-heading")
        .open("dl", "class", "summary");
    html.element("dt", "Stage").open("dd")
        .link(Urls.stage(appId, attemptId, window.stage().stageId(), window.stage().attemptId()),
            "Stage " + window.stage().stageId() + "." + window.stage().attemptId())
        .close("dd");
    Widgets.term(html, "Executor", window.task().executorId() + " on " + window.task().host());
    Widgets.term(html, "Ran", Format.timeMillis(java.time.Instant.ofEpochMilli(window.task().launchTime()))
        + " to " + (window.task().finishTime() > 0
            ? Format.timeMillis(java.time.Instant.ofEpochMilli(window.task().finishTime())) : "still running")
        + " (lines searched ± " + TaskWindow.MARGIN.toSeconds() + " s)");
    if (window.task().errorMessage() != null) {
      Widgets.term(html, "Error", StageTable.firstLine(window.task().errorMessage()));
    }
    html.close("dl").close("section");
  }

  private static void form(Html html, String appId, LogRequest request, String attemptId, Long taskId) {
    html.open("form", "class", "filters", "method", "get", "action", Urls.logs(appId, Map.of()),
        "role", "search", "aria-label", "Search log lines");
    if (attemptId != null) {
      html.empty("input", "type", "hidden", "name", "attempt", "value", attemptId);
    }
    if (taskId != null) {
      html.empty("input", "type", "hidden", "name", "task", "value", Long.toString(taskId));
    }
    AppListPage.input(html, "f-q", "q", "Text", request.text(), "search");
    html.open("div", "class", "field")
        .element("label", "Level", "for", "f-level")
        .open("select", "id", "f-level", "name", "level")
        .element("option", "Any", "value", "", "selected", request.level() == null ? "" : null);
    for (String level : new String[] {"error", "warn", "info", "debug", "trace", "fatal"}) {
      html.element("option", level.toUpperCase(java.util.Locale.ROOT), "value", level,
          "selected", level.equals(request.level()) ? "" : null);
    }
    html.close("select").close("div");
    AppListPage.input(html, "f-executor", "executor", "Executor", request.executor(), "text");
    AppListPage.input(html, "f-pod", "pod", "Pod", request.pod(), "text");
    AppListPage.input(html, "f-container", "container", "Container", request.container(), "text");
    AppListPage.input(html, "f-from", "from", "From (ISO-8601)", request.from() == null ? null : request.from().toString(), "text");
    AppListPage.input(html, "f-to", "to", "To (ISO-8601)", request.to() == null ? null : request.to().toString(), "text");
    html.open("div", "class", "field actions").element("button", "Search", "type", "submit").close("div");
    html.close("form");
  }

  private static Map<String, String> filters(LogRequest request, String attemptId, Long taskId) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("attempt", attemptId);
    query.put("task", taskId == null ? null : Long.toString(taskId));
    query.put("executor", request.executor());
    query.put("pod", request.pod());
    query.put("container", request.container());
    query.put("level", request.level());
    query.put("q", request.text());
    query.put("from", request.from() == null ? null : request.from().toString());
    query.put("to", request.to() == null ? null : request.to().toString());
    query.put("size", request.size() == LogRequest.DEFAULT_SIZE ? null : Integer.toString(request.size()));
    return query;
  }

  private static Map<String, String> apiQuery(String appId, LogRequest request) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("app", appId);
    query.put("executor", request.executor());
    query.put("pod", request.pod());
    query.put("container", request.container());
    query.put("level", request.level());
    query.put("q", request.text());
    query.put("from", request.from() == null ? null : request.from().toString());
    query.put("to", request.to() == null ? null : request.to().toString());
    return query;
  }

  private static void paging(Html html, String appId, Map<String, String> filters, LogLines lines) {
    html.open("nav", "class", "pages", "aria-label", "Older and newer log lines");
    if (lines.older() != null) {
      Map<String, String> older = new LinkedHashMap<>(filters);
      older.put("older", lines.older());
      html.link(Urls.logs(appId, older), "← Older lines", "rel", "prev", "class", "older");
    }
    html.element("span", lines.lines().size() + (lines.lines().size() == 1 ? " line" : " lines"));
    if (lines.newer() != null && !lines.lines().isEmpty()) {
      Map<String, String> newer = new LinkedHashMap<>(filters);
      newer.put("newer", lines.newer());
      html.link(Urls.logs(appId, newer), "Newer lines →", "rel", "next", "class", "newer");
    }
    html.close("nav");
  }
}
