package io.pipelens.history.ui.page;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.replay.TaskRecord;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.store.TaskSample;
import io.pipelens.history.store.TaskTimes;
import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * {@code /ui/apps/{appId}/stages/{stageId}/{attemptId}}: the stage's summary, task-metric
 * quantiles, its failed tasks with error, stack trace and a link to their log lines, and a task
 * table that sorts, filters by status and pages on the server, so a 200,000-task stage sends one
 * page of rows.
 *
 * <p>Parameters: {@code status} ({@code success}, {@code failed}, {@code killed}, {@code
 * running}), {@code sort} ({@code id}, {@code duration}, {@code launch}, {@code executor}, {@code
 * status}), {@code order}, {@code page}, {@code size} (10 to 1000, default 100), {@code attempt}.
 */
public final class StagePage {

  /** Failed tasks shown in full above the table; the table's status filter shows them all. */
  static final int FAILED_SHOWN = 20;
  private static final double[] QUANTILES = {0.0, 0.25, 0.5, 0.75, 1.0};

  private StagePage() {}

  public static String render(
      ApplicationSummary app, AttemptSummary attempt, AppStore store, StageAttempt stage, Params params) {
    String statusFilter = params.choice("status", "success", "failed", "killed", "running");
    String sortParameter = params.choice("sort", "id", "duration", "launch", "executor", "status");
    String sort = sortParameter == null ? "id" : sortParameter;
    boolean descending = "desc".equals(params.choice("order", "asc", "desc"));
    int size = params.number("size", 100, 10, 1000);
    int page = Widgets.page(params);
    String attemptId = attempt.attemptId();
    long now = store.state().lastEventTime();
    String base = Urls.stage(app.id(), null, stage.stageId(), stage.attemptId());
    String title = "Stage " + stage.stageId() + "." + stage.attemptId() + ": " + stage.name();

    List<TaskRecord> tasks = new ArrayList<>(stage.tasks().size());
    List<TaskRecord> failed = new ArrayList<>();
    for (TaskRecord task : stage.tasks()) {
      if (task.status() == TaskRecord.Status.FAILED) {
        failed.add(task);
      }
      if (statusFilter == null || matches(task, statusFilter)) {
        tasks.add(task);
      }
    }
    Comparator<TaskRecord> order = comparator(sort, now);
    failed.sort(Comparator.comparingLong(TaskRecord::taskId));

    Map<String, String> query = new LinkedHashMap<>();
    query.put("attempt", attemptId);
    query.put("status", statusFilter);
    Map<String, String> sorted = new LinkedHashMap<>(query);
    sorted.put("sort", sort);
    sorted.put("order", descending ? "desc" : "asc");
    sorted.put("size", size == 100 ? null : Integer.toString(size));
    int from = (int) Math.min((long) (page - 1) * size, tasks.size());
    List<TaskRecord> shown = page(tasks, descending ? order.reversed() : order, from, size);
    String currentSort = sort;

    return Layout.page(
        title,
        List.of(new Layout.Crumb("Applications", Urls.apps()),
            new Layout.Crumb(app.id(), Urls.app(app.id(), attemptId)),
            new Layout.Crumb("Stage " + stage.stageId() + "." + stage.attemptId(), null)),
        html -> {
          summary(html, stage);
          html.raw(quantilesSection(store, stage));
          failedTasks(html, app.id(), attemptId, failed, base, query);
          html.open("section", "aria-labelledby", "tasks-heading")
              .element("h2", "Tasks", "id", "tasks-heading");
          statusFilter(html, base, attemptId, statusFilter, sort, descending);
          Widgets.pagination(html, tasks.size(), page, size, base, sorted, "tasks");
          html.open("table", "class", "data", "data-rows", "", "id", "tasks")
              .element("caption", "Tasks of this stage attempt; arrow keys move between rows, Enter opens a task's logs.")
              .open("thead").open("tr");
          Widgets.sortHeader(html, "Task", "id", currentSort, descending, base, query);
          html.element("th", "Index", "scope", "col").element("th", "Attempt", "scope", "col");
          Widgets.sortHeader(html, "Status", "status", currentSort, descending, base, query);
          Widgets.sortHeader(html, "Executor", "executor", currentSort, descending, base, query);
          html.element("th", "Host", "scope", "col");
          Widgets.sortHeader(html, "Launched", "launch", currentSort, descending, base, query);
          Widgets.sortHeader(html, "Duration", "duration", currentSort, descending, base, query);
          html.element("th", "GC", "scope", "col")
              .element("th", "Shuffle read", "scope", "col")
              .element("th", "Shuffle write", "scope", "col")
              .element("th", "Error", "scope", "col")
              .element("th", "Logs", "scope", "col")
              .close("tr").close("thead").open("tbody");
          for (TaskRecord task : shown) {
            taskRow(html, app.id(), attemptId, task, now);
          }
          if (shown.isEmpty()) {
            html.open("tr").element("td", "No task matches.", "colspan", "13").close("tr");
          }
          html.close("tbody").close("table");
          Widgets.pagination(html, tasks.size(), page, size, base, sorted, "tasks");
          html.close("section");
        });
  }

  /**
   * Rows {@code from} to {@code from + size} of {@code tasks} in {@code order}. Early pages keep
   * only the rows up to the page's end in a bounded heap instead of sorting everything: the first
   * page of 200,000 tasks by duration compares each task about log2(100) times, not log2(200,000).
   */
  static List<TaskRecord> page(List<TaskRecord> tasks, Comparator<TaskRecord> order, int from, int size) {
    int end = Math.min(tasks.size(), from + size);
    if (from >= end) {
      return List.of();
    }
    if (end > tasks.size() / 4) {
      tasks.sort(order);
      return tasks.subList(from, end);
    }
    java.util.PriorityQueue<TaskRecord> best = new java.util.PriorityQueue<>(end + 1, order.reversed());
    for (TaskRecord task : tasks) {
      if (best.size() < end) {
        best.add(task);
      } else if (order.compare(task, best.peek()) < 0) {
        best.poll();
        best.add(task);
      }
    }
    List<TaskRecord> top = new ArrayList<>(best);
    top.sort(order);
    return top.subList(from, end);
  }

  private static boolean matches(TaskRecord task, String filter) {
    return switch (filter) {
      case "success" -> task.status() == TaskRecord.Status.SUCCESS;
      case "failed" -> task.status() == TaskRecord.Status.FAILED;
      case "killed" -> task.status() == TaskRecord.Status.KILLED;
      default -> task.status() == TaskRecord.Status.RUNNING || task.status() == TaskRecord.Status.GET_RESULT;
    };
  }

  private static Comparator<TaskRecord> comparator(String sort, long now) {
    Comparator<TaskRecord> byId = Comparator.comparingLong(TaskRecord::taskId);
    Comparator<TaskRecord> primary =
        switch (sort) {
          case "duration" -> Comparator.comparingLong(t -> TaskTimes.duration(t, now));
          case "launch" -> Comparator.comparingLong(TaskRecord::launchTime);
          case "executor" -> Comparator.comparing(TaskRecord::executorId, Comparator.nullsFirst(Comparator.naturalOrder()));
          case "status" -> Comparator.comparing(TaskRecord::status);
          default -> byId;
        };
    return primary == byId ? byId : primary.thenComparing(byId);
  }

  private static void summary(Html html, StageAttempt stage) {
    html.open("section", "aria-labelledby", "stage-summary")
        .element("h2", "Summary", "id", "stage-summary")
        .open("dl", "class", "summary");
    html.element("dt", "Status").open("dd");
    Widgets.badge(html, Widgets.kindOf(stage.status().name()), Widgets.label(stage.status().name()));
    html.close("dd");
    Widgets.term(html, "Tasks", Format.count(stage.numTasks()) + " in all: " + Format.count(stage.completedTasks())
        + " succeeded, " + stage.failedTasks() + " failed, " + stage.killedTasks() + " killed, "
        + stage.activeTasks() + " running");
    Widgets.term(html, "Submitted", Format.time(stage.submissionTime()));
    Widgets.term(html, "Completed", Format.time(stage.completionTime()));
    Widgets.term(html, "Duration", Format.duration(stage.submissionTime() > 0 && stage.completionTime() > 0
        ? stage.completionTime() - stage.submissionTime() : -1));
    html.close("dl");
    if (stage.failureReason() != null) {
      html.open("div", "class", "failure", "role", "note")
          .element("h3", "Why the stage failed")
          .element("p", StageTable.firstLine(stage.failureReason()), "class", "error-line")
          .open("details")
          .element("summary", "Full reason and stack trace")
          .element("pre", stage.failureReason(), "class", "trace")
          .close("details")
          .close("div");
    }
    html.close("section");
  }

  /** A stage's rendered quantiles and the task counts they were computed at. */
  private record CachedQuantiles(List<Integer> counts, String html) {}

  /**
   * Quantiles sort every successful task's value of seven metrics, the costliest part of a big
   * stage's page; they only change when a task ends, so they are kept per stage attempt (weakly:
   * they go when the replay does) and recomputed when its task counts moved.
   */
  private static final Map<StageAttempt, CachedQuantiles> QUANTILE_CACHE =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static String quantilesSection(AppStore store, StageAttempt stage) {
    List<Integer> version = List.of(stage.tasks().size(), stage.completedTasks(), stage.failedTasks(),
        stage.killedTasks(), stage.activeTasks());
    CachedQuantiles cached = QUANTILE_CACHE.get(stage);
    if (cached != null && cached.counts().equals(version)) {
      return cached.html();
    }
    Html html = new Html(4096);
    quantiles(html, store.taskSample(stage, QUANTILES));
    String rendered = html.toString();
    QUANTILE_CACHE.put(stage, new CachedQuantiles(version, rendered));
    return rendered;
  }

  private static void quantiles(Html html, Optional<TaskSample> sample) {
    html.open("section", "aria-labelledby", "quantiles-heading")
        .element("h2", "Task metrics", "id", "quantiles-heading");
    if (sample.isEmpty()) {
      html.element("p", "No task has succeeded with metrics yet.").close("section");
      return;
    }
    html.open("table", "class", "data quantiles")
        .element("caption", "Distribution over the " + Format.count(sample.get().tasks().size())
            + " successful tasks.")
        .open("thead").open("tr")
        .element("th", "Metric", "scope", "col");
    for (String q : new String[] {"Min", "25th percentile", "Median", "75th percentile", "Max"}) {
      html.element("th", q, "scope", "col");
    }
    html.close("tr").close("thead").open("tbody");
    metric(html, sample.get(), "Duration (executor run time)", m(TaskMetric.EXECUTOR_RUN_TIME), false);
    metric(html, sample.get(), "GC time", m(TaskMetric.JVM_GC_TIME), false);
    metric(html, sample.get(), "Input", m(TaskMetric.INPUT_BYTES_READ), true);
    metric(html, sample.get(), "Shuffle read", t -> t.metrics()[TaskMetric.SHUFFLE_REMOTE_BYTES_READ.ordinal()]
        + t.metrics()[TaskMetric.SHUFFLE_LOCAL_BYTES_READ.ordinal()], true);
    metric(html, sample.get(), "Shuffle write", m(TaskMetric.SHUFFLE_BYTES_WRITTEN), true);
    metric(html, sample.get(), "Spill (memory)", m(TaskMetric.MEMORY_BYTES_SPILLED), true);
    metric(html, sample.get(), "Spill (disk)", m(TaskMetric.DISK_BYTES_SPILLED), true);
    html.close("tbody").close("table").close("section");
  }

  private static ToLongFunction<TaskRecord> m(TaskMetric metric) {
    int index = metric.ordinal();
    return t -> t.metrics()[index];
  }

  private static void metric(Html html, TaskSample sample, String name, ToLongFunction<TaskRecord> value, boolean bytes) {
    html.open("tr").element("th", name, "scope", "row");
    for (double v : sample.quantiles(value)) {
      html.element("td", bytes ? Format.bytes(v) : Format.duration(Math.round(v)), "class", "num");
    }
    html.close("tr");
  }

  private static void failedTasks(
      Html html, String appId, String attemptId, List<TaskRecord> failed, String base, Map<String, String> query) {
    if (failed.isEmpty()) {
      return;
    }
    html.open("section", "aria-labelledby", "failed-heading", "class", "failed-tasks")
        .element("h2", "Failed tasks (" + failed.size() + ")", "id", "failed-heading");
    for (TaskRecord task : failed.subList(0, Math.min(FAILED_SHOWN, failed.size()))) {
      String error = task.errorMessage();
      html.open("article", "class", "failed-task")
          .open("h3");
      Widgets.badge(html, "failed", "Failed");
      html.text(" Task " + task.taskId() + " (index " + task.index() + ", attempt " + task.attempt()
              + ") on executor " + task.executorId() + ", " + task.host())
          .close("h3")
          .element("p", StageTable.firstLine(error), "class", "error-line")
          .open("p")
          .link(logLink(appId, attemptId, task), "Log lines of task " + task.taskId(), "class", "logs-link")
          .close("p");
      if (error != null && error.indexOf('\n') > 0) {
        html.open("details").element("summary", "Stack trace").element("pre", error, "class", "trace").close("details");
      }
      html.close("article");
    }
    if (failed.size() > FAILED_SHOWN) {
      Map<String, String> all = new LinkedHashMap<>(query);
      all.put("status", "failed");
      html.open("p").link(base + io.pipelens.history.ui.http.Urls.query(all), "All " + failed.size() + " failed tasks").close("p");
    }
    html.close("section");
  }

  /** The log view of a task: its executor, the task id; the page derives the time window. */
  static String logLink(String appId, String attemptId, TaskRecord task) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("attempt", attemptId);
    query.put("executor", task.executorId());
    query.put("task", Long.toString(task.taskId()));
    return Urls.logs(appId, query);
  }

  private static void statusFilter(Html html, String base, String attemptId, String current, String sort, boolean descending) {
    html.open("form", "class", "filters", "method", "get", "action", base, "aria-label", "Filter tasks");
    if (attemptId != null) {
      html.empty("input", "type", "hidden", "name", "attempt", "value", attemptId);
    }
    html.empty("input", "type", "hidden", "name", "sort", "value", sort)
        .empty("input", "type", "hidden", "name", "order", "value", descending ? "desc" : "asc")
        .open("div", "class", "field")
        .element("label", "Task status", "for", "f-task-status")
        .open("select", "id", "f-task-status", "name", "status");
    for (String[] option : new String[][] {{"", "All"}, {"success", "Succeeded"}, {"failed", "Failed"}, {"killed", "Killed"}, {"running", "Running"}}) {
      html.element("option", option[1], "value", option[0],
          "selected", option[0].equals(current == null ? "" : current) ? "" : null);
    }
    html.close("select").close("div")
        .open("div", "class", "field actions")
        .element("button", "Show", "type", "submit")
        .close("div")
        .close("form");
  }

  private static void taskRow(Html html, String appId, String attemptId, TaskRecord task, long now) {
    long[] metrics = task.metrics();
    String logs = logLink(appId, attemptId, task);
    boolean failed = task.status() == TaskRecord.Status.FAILED;
    html.open("tr", "class", failed ? "row-failed" : null, "data-href", logs)
        .element("td", Long.toString(task.taskId()), "class", "num")
        .element("td", Integer.toString(task.index()), "class", "num")
        .element("td", Integer.toString(task.attempt()), "class", "num")
        .open("td");
    Widgets.badge(html, Widgets.kindOf(task.status().name()), Widgets.label(task.status().name()));
    html.close("td")
        .element("td", task.executorId())
        .element("td", task.host())
        .element("td", Format.timeMillis(java.time.Instant.ofEpochMilli(task.launchTime())))
        .element("td", Format.duration(TaskTimes.duration(task, now)), "class", "num")
        .element("td", metrics == null ? "–" : Format.duration(metrics[TaskMetric.JVM_GC_TIME.ordinal()]), "class", "num")
        .element("td", metrics == null ? "–" : Format.bytes(metrics[TaskMetric.SHUFFLE_REMOTE_BYTES_READ.ordinal()]
            + metrics[TaskMetric.SHUFFLE_LOCAL_BYTES_READ.ordinal()]), "class", "num")
        .element("td", metrics == null ? "–" : Format.bytes(metrics[TaskMetric.SHUFFLE_BYTES_WRITTEN.ordinal()]), "class", "num")
        .element("td", StageTable.firstLine(task.errorMessage()), "class", "wrap")
        .open("td").link(logs, "Logs", "aria-label", "Logs of task " + task.taskId()).close("td")
        .close("tr");
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
