package io.pipelens.history.ui.page;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /ui/apps/{appId}/jobs/{jobId}}: the job's summary and its stages as a DAG (inline SVG,
 * parents left of children), each stage a link to its page, coloured by status with the status
 * also written in the box and failed stages hatched, so colour is never the only cue.
 */
public final class JobPage {

  private static final int BOX_WIDTH = 190;
  private static final int BOX_HEIGHT = 58;
  private static final int COLUMN_GAP = 60;
  private static final int ROW_GAP = 22;

  private JobPage() {}

  public static String render(ApplicationSummary app, AttemptSummary attempt, AppStore store, JobRecord job) {
    String attemptId = attempt.attemptId();
    return Layout.page(
        "Job " + job.jobId() + (job.description() != null ? ": " + job.description() : ""),
        List.of(new Layout.Crumb("Applications", Urls.apps()),
            new Layout.Crumb(app.id(), Urls.app(app.id(), attemptId)),
            new Layout.Crumb("Job " + job.jobId(), null)),
        html -> {
          html.open("section", "aria-labelledby", "job-summary")
              .element("h2", "Summary", "id", "job-summary")
              .open("dl", "class", "summary");
          html.element("dt", "Status").open("dd");
          Widgets.badge(html, Widgets.kindOf(job.status().name()), Widgets.label(job.status().name()));
          html.close("dd");
          Widgets.term(html, "Name", job.name());
          Widgets.term(html, "Submitted", Format.time(job.submissionTime()));
          Widgets.term(html, "Completed", Format.time(job.completionTime()));
          Widgets.term(html, "Duration", Format.duration(job.completionTime() > 0 && job.submissionTime() > 0
              ? job.completionTime() - job.submissionTime() : -1));
          Widgets.term(html, "Tasks", Format.count(job.completedTasks()) + " of " + Format.count(job.numTasks())
              + " succeeded, " + job.failedTasks() + " failed, " + job.killedTasks() + " killed");
          Widgets.term(html, "Job group", job.jobGroup());
          html.close("dl").close("section");

          List<StageAttempt> stages = new ArrayList<>();
          Map<Integer, StageAttempt> latest = new LinkedHashMap<>();
          for (int stageId : job.stageIds()) {
            List<StageAttempt> attempts = store.stageAttempts(stageId);
            if (!attempts.isEmpty()) {
              latest.put(stageId, attempts.get(attempts.size() - 1));
              stages.addAll(attempts);
            }
          }
          html.open("section", "aria-labelledby", "dag-heading")
              .element("h2", "Stages as a graph", "id", "dag-heading");
          dag(html, app.id(), attemptId, job, latest);
          html.close("section");
          html.open("section", "aria-labelledby", "stages-heading")
              .element("h2", "Stages (" + stages.size() + ")", "id", "stages-heading");
          StageTable.render(html, app.id(), attemptId, stages, "Stage attempts of this job.");
          html.close("section");
        });
  }

  /** Lays stages out by depth (longest path from a stage without parents) and draws them. */
  static void dag(Html html, String appId, String attemptId, JobRecord job, Map<Integer, StageAttempt> latest) {
    int[] stageIds = job.stageIds();
    int[] sorted = stageIds.clone();
    java.util.Arrays.sort(sorted);
    List<Long> ids = new ArrayList<>();
    Map<Long, List<Long>> parents = new HashMap<>();
    for (int id : sorted) {
      ids.add((long) id);
      List<Long> of = new ArrayList<>();
      for (int parent : job.stageParents(id)) {
        of.add((long) parent);
      }
      parents.put((long) id, of);
    }
    LayeredLayout.Result layout = LayeredLayout.layout(
        ids, parents, false, BOX_WIDTH, id -> BOX_HEIGHT, COLUMN_GAP, ROW_GAP, 10);
    Map<Integer, int[]> position = new HashMap<>();
    layout.boxes().forEach((id, box) -> position.put(id.intValue(), new int[] {box.x(), box.y()}));
    int width = layout.width();
    int height = layout.height();
    html.open("figure", "class", "dag")
        .open("svg", "viewBox", "0 0 " + width + " " + height, "width", Integer.toString(width),
            "height", Integer.toString(height), "role", "group", "aria-label",
            "Stages of job " + job.jobId() + " and their dependencies")
        .open("defs")
        .open("pattern", "id", "hatch", "width", "8", "height", "8", "patternUnits", "userSpaceOnUse",
            "patternTransform", "rotate(45)")
        .selfClosing("line", "x1", "0", "y1", "0", "x2", "0", "y2", "8", "class", "hatch-line")
        .close("pattern");
    LayeredLayout.arrowMarker(html);
    html.close("defs");
    for (int id : stageIds) {
      int[] to = position.get(id);
      for (int parent : job.stageParents(id)) {
        int[] from = position.get(parent);
        if (from == null) {
          continue; // a parent outside this job, already computed by an earlier one
        }
        html.selfClosing("line", "class", "edge", "x1", Integer.toString(from[0] + BOX_WIDTH),
            "y1", Integer.toString(from[1] + BOX_HEIGHT / 2), "x2", Integer.toString(to[0] - 2),
            "y2", Integer.toString(to[1] + BOX_HEIGHT / 2), "marker-end", "url(#arrow)");
      }
    }
    for (int id : sorted) {
      int[] at = position.get(id);
      StageAttempt stage = latest.get(id);
      String status = stage == null ? "PENDING" : stage.status().name();
      String kind = status.toLowerCase(Locale.ROOT);
      String label = "Stage " + id + (stage == null ? "" : "." + stage.attemptId());
      String detail = Widgets.label(status) + (stage == null ? "" : " · " + stage.completedTasks() + "/" + stage.numTasks() + " tasks");
      String x = Integer.toString(at[0]);
      String y = Integer.toString(at[1]);
      html.open("a", "href", stage == null ? null : Urls.stage(appId, attemptId, id, stage.attemptId()),
              "class", "node node-" + kind, "aria-label", label + ": " + detail)
          .selfClosing("rect", "x", x, "y", y, "width", Integer.toString(BOX_WIDTH),
              "height", Integer.toString(BOX_HEIGHT), "rx", "6", "class", "box");
      if (stage != null && stage.status() == StageAttempt.Status.FAILED) {
        html.selfClosing("rect", "x", x, "y", y, "width", Integer.toString(BOX_WIDTH),
            "height", Integer.toString(BOX_HEIGHT), "rx", "6", "fill", "url(#hatch)", "class", "hatch");
      }
      html.element("text", label, "x", Integer.toString(at[0] + 10), "y", Integer.toString(at[1] + 23), "class", "node-title")
          .element("text", detail, "x", Integer.toString(at[0] + 10), "y", Integer.toString(at[1] + 44), "class", "node-detail")
          .close("a");
    }
    html.close("svg")
        .open("figcaption")
        .text("Arrows point from a stage to the stages that read its output. Colours: ");
    for (String status : new String[] {"COMPLETE", "FAILED", "ACTIVE", "PENDING", "SKIPPED"}) {
      Widgets.badge(html, Widgets.kindOf(status), Widgets.label(status));
      html.text(" ");
    }
    html.text("Failed stages are also hatched.").close("figcaption").close("figure");
  }
}
