package io.pipelens.history.ui.page;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptState;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.replay.EnvironmentInfo;
import io.pipelens.history.replay.ExecutorRecord;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /ui/apps/{appId}[?attempt=]}: summary, jobs with a timeline, stages (failed first), SQL
 * queries, executors with their add and remove times and removal reasons, links to the driver's
 * and each executor's logs, and the environment. Jobs, stages and SQL queries are paged ({@code
 * jobsPage}, {@code stagesPage}, {@code sqlPage}, 100 each).
 */
public final class AppPage {

  static final int PAGE = 100;
  /** Property names whose values are never shown, whatever Spark's own redaction let through. */
  private static final Pattern SECRET =
      Pattern.compile("(?i).*(secret|password|token|credential|access\\.?key|private).*");

  private AppPage() {}

  public static String render(
      ApplicationSummary app, AttemptSummary attempt, AppStore store, AttemptState state, Params params) {
    String attemptId = attempt.attemptId();
    String appLink = Urls.app(app.id(), attemptId);
    String title = app.name() == null ? app.id() : app.name() + " (" + app.id() + ")";
    return Layout.page(
        title,
        List.of(new Layout.Crumb("Applications", Urls.apps()), new Layout.Crumb(app.id(), null)),
        html -> {
          summary(html, app, attempt, store, state);
          jobs(html, app.id(), attemptId, store, Widgets.page(Params.of(
              params.text("jobsPage") == null ? Map.of() : Map.of("page", params.text("jobsPage")))), appLink);
          stages(html, app.id(), attemptId, store, Widgets.page(Params.of(
              params.text("stagesPage") == null ? Map.of() : Map.of("page", params.text("stagesPage")))), appLink);
          sql(html, app.id(), attemptId, store, Widgets.page(Params.of(
              params.text("sqlPage") == null ? Map.of() : Map.of("page", params.text("sqlPage")))), appLink);
          executors(html, app.id(), store);
          environment(html, store.state().environment());
        });
  }

  private static void summary(
      Html html, ApplicationSummary app, AttemptSummary attempt, AppStore store, AttemptState state) {
    AppStatus status = AppStatus.of(app, null, state);
    html.open("section", "aria-labelledby", "summary-heading")
        .element("h2", "Summary", "id", "summary-heading")
        .open("dl", "class", "summary");
    html.element("dt", "Status").open("dd");
    long failedTasks = 0;
    boolean failedJob = false;
    for (JobRecord job : store.state().jobs()) {
      failedTasks += job.failedTasks();
      failedJob |= job.status() == JobRecord.Status.FAILED;
    }
    String health = state == AttemptState.ABANDONED ? "Abandoned"
        : !attempt.completed() ? "Running"
        : failedJob || status.status().equals(AppStatus.FAILED) ? "Failed"
        : failedTasks > 0 ? "Recovered" : "Healthy";
    Widgets.badge(html, Widgets.kindOf(health), health);
    html.close("dd");
    Widgets.term(html, "Application id", app.id());
    Widgets.term(html, "Attempt", attempt.attemptId());
    Widgets.term(html, "User", attempt.sparkUser());
    Widgets.term(html, "Started", Format.time(attempt.startTime()));
    Widgets.term(html, "Ended", attempt.completed() ? Format.time(attempt.endTime()) : "still running");
    Widgets.term(html, "Duration", Format.duration(attempt.completed() ? attempt.duration()
        : store.state().lastEventTime() - attempt.startTime()));
    Widgets.term(html, "Tasks failed", Format.count(failedTasks));
    Widgets.term(html, "Spark", attempt.appSparkVersion().isEmpty() ? null : attempt.appSparkVersion());
    Widgets.term(html, "Team", attempt.labels().team());
    Widgets.term(html, "Priority", attempt.labels().priority());
    Widgets.term(html, "Namespace", attempt.labels().namespace());
    Widgets.term(html, "Exit code", attempt.health().exitCode() == null ? null : attempt.health().exitCode().toString());
    html.close("dl");
    if (app.attempts().size() > 1) {
      html.open("p").text("Attempts: ");
      for (AttemptSummary other : app.attempts()) {
        String text = "attempt " + (other.attemptId() == null ? "(none)" : other.attemptId());
        if (other == attempt) {
          html.element("strong", text, "aria-current", "page");
        } else {
          html.link(Urls.app(app.id(), other.attemptId()), text);
        }
        html.text(" ");
      }
      html.close("p");
    }
    html.open("p")
        .link(Urls.logs(app.id(), Map.of("executor", "driver")), "Driver logs")
        .text(" · ")
        .link(Urls.logs(app.id(), Map.of()), "All logs of this application")
        .close("p");
    html.close("section");
  }

  private static void jobs(Html html, String appId, String attemptId, AppStore store, int page, String appLink) {
    List<JobRecord> jobs = store.jobs(Set.of());
    long start = store.state().applicationStartTime();
    long end = Math.max(start + 1, store.state().applicationEndTime() > 0
        ? store.state().applicationEndTime() : store.state().lastEventTime());
    html.open("section", "aria-labelledby", "jobs-heading")
        .element("h2", "Jobs (" + jobs.size() + ")", "id", "jobs-heading");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("attempt", attemptId);
    pager(html, jobs.size(), page, appLink, "jobsPage", "jobs");
    html.open("table", "class", "data", "data-rows", "")
        .element("caption", "Jobs, newest first; the bar spans the job's run within the application's.")
        .open("thead").open("tr")
        .element("th", "Job", "scope", "col")
        .element("th", "Description", "scope", "col")
        .element("th", "Status", "scope", "col")
        .element("th", "Submitted", "scope", "col")
        .element("th", "Duration", "scope", "col")
        .element("th", "Stages", "scope", "col")
        .element("th", "Tasks (failed)", "scope", "col")
        .element("th", "Timeline", "scope", "col", "class", "timeline-col")
        .close("tr").close("thead").open("tbody");
    for (JobRecord job : slice(jobs, page)) {
      String href = Urls.job(appId, attemptId, job.jobId());
      boolean failed = job.status() == JobRecord.Status.FAILED;
      long[] span = span(job, store, end);
      long jobStart = span[0];
      long jobEnd = span[1];
      html.open("tr", "class", failed ? "row-failed" : null, "data-href", href)
          .open("td").link(href, "Job " + job.jobId()).close("td")
          .element("td", job.description() != null ? job.description() : job.name())
          .open("td");
      Widgets.badge(html, Widgets.kindOf(job.status().name()), Widgets.label(job.status().name()));
      html.close("td")
          .element("td", Format.time(jobStart))
          .element("td", Format.duration(jobStart > 0 ? jobEnd - jobStart : -1), "class", "num")
          .element("td", job.completedStages() + "/" + job.stageIds().length
              + (job.failedStages() > 0 ? " (" + job.failedStages() + " failed)" : ""), "class", "num")
          .element("td", Format.count(job.completedTasks()) + "/" + Format.count(job.numTasks())
              + " (" + job.failedTasks() + ")", "class", "num")
          .open("td", "class", "timeline-col");
      timelineBar(html, start, end, jobStart, jobEnd, job.status().name().toLowerCase(java.util.Locale.ROOT));
      html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("section");
  }

  /**
   * When a job ran: its own submission and completion times, or, in logs older than Spark 1.3
   * that have none, its stages' first submission and last completion; still running: {@code end}.
   */
  static long[] span(JobRecord job, AppStore store, long end) {
    long from = job.submissionTime();
    long to = job.completionTime();
    if (from <= 0 || to <= 0) {
      long first = Long.MAX_VALUE;
      long last = -1;
      for (int stageId : job.stageIds()) {
        for (StageAttempt stage : store.stageAttempts(stageId)) {
          if (stage.submissionTime() > 0) {
            first = Math.min(first, stage.submissionTime());
          }
          last = Math.max(last, stage.completionTime());
        }
      }
      from = from > 0 ? from : first == Long.MAX_VALUE ? -1 : first;
      to = to > 0 ? to : last > 0 && job.status() != JobRecord.Status.RUNNING ? last : end;
    }
    return new long[] {from, to};
  }

  /** A bar from {@code from} to {@code to} on the axis {@code [start, end)}, as inline SVG. */
  static void timelineBar(Html html, long start, long end, long from, long to, String status) {
    if (from <= 0) {
      html.text("–");
      return;
    }
    double span = Math.max(1, end - start);
    double x = Math.max(0, Math.min(1000, (from - start) / span * 1000));
    double width = Math.max(4, Math.min(1000 - x, (to - from) / span * 1000));
    html.open("svg", "class", "bar", "viewBox", "0 0 1000 12", "preserveAspectRatio", "none",
            "role", "img", "aria-label", Format.time(from) + " to " + Format.time(to), "focusable", "false")
        .selfClosing("rect", "class", "track", "x", "0", "y", "0", "width", "1000", "height", "12")
        .selfClosing("rect", "class", "fill fill-" + status, "x", String.format(java.util.Locale.ROOT, "%.1f", x),
            "y", "1", "width", String.format(java.util.Locale.ROOT, "%.1f", width), "height", "10")
        .close("svg");
  }

  /** SQL executions by id, failed ones marked; a note when the application ran none. */
  private static void sql(Html html, String appId, String attemptId, AppStore store, int page, String appLink) {
    int total = store.state().sqlExecutions().size();
    html.open("section", "aria-labelledby", "sql-heading")
        .element("h2", "SQL queries (" + total + ")", "id", "sql-heading");
    if (total == 0) {
      html.element("p", "This application ran no SQL queries.", "class", "note").close("section");
      return;
    }
    pager(html, total, page, appLink, "sqlPage", "SQL queries");
    html.open("table", "class", "data", "data-rows", "")
        .element("caption", "SQL queries by id; each opens with its plan.")
        .open("thead").open("tr")
        .element("th", "Query", "scope", "col")
        .element("th", "Status", "scope", "col")
        .element("th", "Description", "scope", "col")
        .element("th", "Submitted", "scope", "col")
        .element("th", "Duration", "scope", "col")
        .element("th", "Jobs", "scope", "col")
        .close("tr").close("thead").open("tbody");
    for (SqlExecution execution : store.sqlExecutions((int) Math.min((long) (page - 1) * PAGE, total), PAGE)) {
      String href = Urls.sql(appId, attemptId, execution.executionId());
      String status = execution.status();
      html.open("tr", "class", status.equals("FAILED") ? "row-failed" : null, "data-href", href)
          .open("td").link(href, "Query " + execution.executionId()).close("td")
          .open("td");
      Widgets.badge(html, Widgets.kindOf(status), Widgets.label(status));
      html.close("td")
          .element("td", execution.description(), "class", "wrap")
          .element("td", Format.time(execution.submissionTime()))
          .element("td", Format.duration(SqlPage.duration(execution, store)), "class", "num")
          .open("td", "class", "jobs");
      if (execution.jobs().isEmpty()) {
        html.text("–");
      }
      execution.jobs().forEach((jobId, jobStatus) -> {
        html.open("span", "class", "job-ref")
            .link(Urls.job(appId, attemptId, jobId), "Job " + jobId)
            .text(" ");
        Widgets.badge(html, Widgets.kindOf(jobStatus.name()), Widgets.label(jobStatus.name()));
        html.close("span").text(" ");
      });
      html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("section");
  }

  private static void stages(Html html, String appId, String attemptId, AppStore store, int page, String appLink) {
    List<StageAttempt> stages = new java.util.ArrayList<>(store.stages(Set.of()));
    // Failed stages first: they are what an on-call engineer opens this page for.
    stages.sort(java.util.Comparator.comparing((StageAttempt s) -> s.status() != StageAttempt.Status.FAILED));
    html.open("section", "aria-labelledby", "stages-heading")
        .element("h2", "Stages (" + stages.size() + ")", "id", "stages-heading");
    pager(html, stages.size(), page, appLink, "stagesPage", "stages");
    StageTable.render(html, appId, attemptId, slice(stages, page), "Stages, failed first, then newest first.");
    html.close("section");
  }

  private static void executors(Html html, String appId, AppStore store) {
    List<ExecutorRecord> executors = store.executors(false);
    html.open("section", "aria-labelledby", "executors-heading")
        .element("h2", "Executors (" + executors.size() + ")", "id", "executors-heading")
        .open("table", "class", "data", "data-rows", "")
        .element("caption", "Executors with the times they were added and removed, and why.")
        .open("thead").open("tr")
        .element("th", "Executor", "scope", "col")
        .element("th", "Host", "scope", "col")
        .element("th", "Cores", "scope", "col")
        .element("th", "Added", "scope", "col")
        .element("th", "Removed", "scope", "col")
        .element("th", "Removal reason", "scope", "col")
        .element("th", "Tasks (failed)", "scope", "col")
        .element("th", "Logs", "scope", "col")
        .close("tr").close("thead").open("tbody");
    for (ExecutorRecord executor : executors) {
      String logs = Urls.logs(appId, Map.of("executor", executor.executorId()));
      boolean lost = !executor.active() && executor.removeReason() != null && !executor.executorId().equals("driver");
      html.open("tr", "class", lost ? "row-warning" : null, "data-href", logs)
          .element("td", executor.executorId())
          .element("td", executor.hostPort())
          .element("td", Integer.toString(executor.totalCores()), "class", "num")
          .element("td", Format.time(executor.addTime()))
          .element("td", executor.active() ? "active" : Format.time(executor.removeTime()))
          .element("td", executor.removeReason())
          .element("td", executor.totalTasks() + " (" + executor.failedTasks() + ")", "class", "num")
          .open("td").link(logs, "Logs of " + executor.executorId()).close("td")
          .close("tr");
    }
    html.close("tbody").close("table").close("section");
  }

  private static void environment(Html html, EnvironmentInfo environment) {
    html.open("section", "aria-labelledby", "environment-heading")
        .element("h2", "Environment", "id", "environment-heading")
        .open("dl", "class", "summary");
    Widgets.term(html, "Java", environment.javaVersion());
    Widgets.term(html, "Scala", environment.scalaVersion());
    html.close("dl")
        .open("details")
        .element("summary", "Spark properties (" + environment.sparkProperties().size() + ")")
        .open("table", "class", "data")
        .element("caption", "Spark properties; secrets are hidden.")
        .open("thead").open("tr")
        .element("th", "Name", "scope", "col").element("th", "Value", "scope", "col")
        .close("tr").close("thead").open("tbody");
    for (Map.Entry<String, String> property : environment.sparkProperties()) {
      String value = SECRET.matcher(property.getKey()).matches() ? "[hidden]" : property.getValue();
      html.open("tr").element("td", property.getKey()).element("td", value, "class", "wrap").close("tr");
    }
    html.close("tbody").close("table").close("details").close("section");
  }

  static <T> List<T> slice(List<T> all, int page) {
    int from = (int) Math.min((long) (page - 1) * PAGE, all.size());
    return all.subList(from, Math.min(from + PAGE, all.size()));
  }

  private static void pager(Html html, int total, int page, String appLink, String parameter, String what) {
    if (total <= PAGE) {
      return;
    }
    int pages = (total + PAGE - 1) / PAGE;
    String separator = appLink.contains("?") ? "&" : "?";
    html.open("nav", "class", "pages", "aria-label", "Pages of " + what);
    if (page > 1) {
      html.link(appLink + separator + parameter + "=" + (page - 1), "← Previous", "rel", "prev");
    }
    html.element("span", "Page " + page + " of " + pages + " · " + total + " " + what);
    if (page < pages) {
      html.link(appLink + separator + parameter + "=" + (page + 1), "Next →", "rel", "next");
    }
    html.close("nav");
  }
}
