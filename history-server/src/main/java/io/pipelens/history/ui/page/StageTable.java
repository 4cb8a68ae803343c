package io.pipelens.history.ui.page;

import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import java.util.List;

/** The table of stage attempts on the application and job pages; failed rows stand out. */
final class StageTable {

  private StageTable() {}

  static void render(Html html, String appId, String attemptId, List<StageAttempt> stages, String caption) {
    html.open("table", "class", "data", "data-rows", "")
        .element("caption", caption)
        .open("thead").open("tr")
        .element("th", "Stage", "scope", "col")
        .element("th", "Name", "scope", "col")
        .element("th", "Status", "scope", "col")
        .element("th", "Submitted", "scope", "col")
        .element("th", "Duration", "scope", "col")
        .element("th", "Tasks: done/all (failed)", "scope", "col")
        .element("th", "Input", "scope", "col")
        .element("th", "Shuffle read", "scope", "col")
        .element("th", "Shuffle write", "scope", "col")
        .element("th", "Failure reason", "scope", "col")
        .close("tr").close("thead").open("tbody");
    for (StageAttempt stage : stages) {
      String href = Urls.stage(appId, attemptId, stage.stageId(), stage.attemptId());
      boolean failed = stage.status() == StageAttempt.Status.FAILED;
      long[] metrics = stage.metrics();
      long duration = stage.submissionTime() > 0 && stage.completionTime() > 0
          ? stage.completionTime() - stage.submissionTime() : -1;
      html.open("tr", "class", failed ? "row-failed" : null, "data-href", href)
          .open("td").link(href, "Stage " + stage.stageId() + "." + stage.attemptId()).close("td")
          .element("td", stage.name())
          .open("td");
      Widgets.badge(html, Widgets.kindOf(stage.status().name()), Widgets.label(stage.status().name()));
      html.close("td")
          .element("td", Format.time(stage.submissionTime()))
          .element("td", Format.duration(duration), "class", "num")
          .element("td", stage.completedTasks() + "/" + stage.numTasks() + " (" + stage.failedTasks() + ")", "class", "num")
          .element("td", Format.bytes(metrics[TaskMetric.INPUT_BYTES_READ.ordinal()]), "class", "num")
          .element("td", Format.bytes(metrics[TaskMetric.SHUFFLE_REMOTE_BYTES_READ.ordinal()]
              + metrics[TaskMetric.SHUFFLE_LOCAL_BYTES_READ.ordinal()]), "class", "num")
          .element("td", Format.bytes(metrics[TaskMetric.SHUFFLE_BYTES_WRITTEN.ordinal()]), "class", "num")
          .element("td", firstLine(stage.failureReason()), "class", "wrap")
          .close("tr");
    }
    if (stages.isEmpty()) {
      html.open("tr").element("td", "No stages.", "colspan", "10").close("tr");
    }
    html.close("tbody").close("table");
  }

  static String firstLine(String text) {
    if (text == null) {
      return null;
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
