package io.pipelens.history.ui.page;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.SqlPlanGraph;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import io.pipelens.history.ui.http.Urls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /ui/apps/{appId}/sql/{executionId}}: a SQL execution's summary, its jobs, the graph of
 * its (latest adaptive) physical plan as inline SVG with each operator's metric values and the
 * {@code WholeStageCodegen} stages drawn as boxes around the operators they fuse, the same nodes
 * and full metric values as a table, and Spark's physical plan text.
 */
public final class SqlPage {

  private static final int BOX_WIDTH = 420;
  private static final int TITLE_HEIGHT = 26;
  private static final int LINE_HEIGHT = 17;
  private static final int LAYER_GAP = 52;
  private static final int SIBLING_GAP = 28;
  /** Room a cluster takes around its members: its name goes in the top part. */
  private static final int CLUSTER_PAD = 8;
  private static final int CLUSTER_LABEL = 20;
  private static final int MARGIN = CLUSTER_PAD + CLUSTER_LABEL + 4;
  /** What fits in a box at the stylesheet's 12px; the full value is in the tooltip and table. */
  private static final int MAX_LINE = 62;
  /** The same for a cluster's bold title, across a box 16 units wider. */
  private static final int MAX_TITLE = 58;

  private SqlPage() {}

  public static String render(ApplicationSummary app, AttemptSummary attempt, AppStore store, SqlExecution execution) {
    String attemptId = attempt.attemptId();
    long id = execution.executionId();
    return Layout.page(
        "SQL query " + id,
        List.of(new Layout.Crumb("Applications", Urls.apps()),
            new Layout.Crumb(app.id(), Urls.app(app.id(), attemptId)),
            new Layout.Crumb("SQL query " + id, null)),
        html -> {
          summary(html, store, execution);
          jobs(html, app.id(), attemptId, store, execution);
          Map<Long, String> values = execution.metricValues();
          html.open("section", "aria-labelledby", "plan-heading")
              .element("h2", "Plan graph", "id", "plan-heading");
          if (execution.graph().nodes().isEmpty()) {
            html.element("p", "The event log has no plan for this query.", "class", "note");
          } else {
            graph(html, execution, values);
            nodeTable(html, execution.graph(), values);
          }
          html.close("section");
          html.open("section", "aria-labelledby", "plan-text-heading")
              .element("h2", "Physical plan", "id", "plan-text-heading");
          text(html, "Physical plan as Spark describes it", execution.physicalPlanDescription());
          text(html, "Call site", execution.details());
          html.close("section");
        });
  }

  private static void summary(Html html, AppStore store, SqlExecution execution) {
    html.open("section", "aria-labelledby", "sql-summary")
        .element("h2", "Summary", "id", "sql-summary")
        .open("dl", "class", "summary");
    html.element("dt", "Status").open("dd");
    Widgets.badge(html, Widgets.kindOf(execution.status()), Widgets.label(execution.status()));
    html.close("dd");
    Widgets.term(html, "Description", execution.description());
    Widgets.term(html, "Submitted", Format.time(execution.submissionTime()));
    Widgets.term(html, "Completed", execution.completionTime() < 0 ? "still running" : Format.time(execution.completionTime()));
    Widgets.term(html, "Duration", Format.duration(duration(execution, store)));
    if (execution.rootExecutionId() != execution.executionId()) {
      Widgets.term(html, "Runs under", "SQL query " + execution.rootExecutionId());
    }
    html.close("dl");
    if (execution.errorMessage() != null && !execution.errorMessage().isEmpty()) {
      html.open("div", "class", "failure", "role", "group", "aria-label", "Error")
          .element("strong", "Error")
          .element("pre", execution.errorMessage(), "class", "trace")
          .close("div");
    }
    html.close("section");
  }

  /** Submission to completion, or to the replay's last event while running; -1 when unknown. */
  static long duration(SqlExecution execution, AppStore store) {
    if (execution.submissionTime() <= 0) {
      return -1;
    }
    long end = execution.completionTime() >= 0 ? execution.completionTime() : store.state().lastEventTime();
    return Math.max(0, end - execution.submissionTime());
  }

  private static void jobs(Html html, String appId, String attemptId, AppStore store, SqlExecution execution) {
    html.open("section", "aria-labelledby", "sql-jobs-heading")
        .element("h2", "Jobs (" + execution.jobs().size() + ")", "id", "sql-jobs-heading");
    if (execution.jobs().isEmpty()) {
      html.element("p", "This query ran no jobs.", "class", "note").close("section");
      return;
    }
    html.open("table", "class", "data", "data-rows", "")
        .element("caption", "Jobs of this query, in the order they started.")
        .open("thead").open("tr")
        .element("th", "Job", "scope", "col")
        .element("th", "Status", "scope", "col")
        .element("th", "Description", "scope", "col")
        .element("th", "Duration", "scope", "col")
        .close("tr").close("thead").open("tbody");
    execution.jobs().forEach((jobId, status) -> {
      JobRecord job = store.job(jobId).orElse(null);
      String href = job == null ? null : Urls.job(appId, attemptId, jobId);
      html.open("tr", "class", status == SqlExecution.JobStatus.FAILED ? "row-failed" : null, "data-href", href)
          .open("td");
      if (href == null) {
        html.text("Job " + jobId);
      } else {
        html.link(href, "Job " + jobId);
      }
      html.close("td").open("td");
      Widgets.badge(html, Widgets.kindOf(status.name()), Widgets.label(status.name()));
      html.close("td")
          .element("td", job == null ? "–" : job.description() != null ? job.description() : job.name())
          .element("td", Format.duration(job != null && job.submissionTime() > 0 && job.completionTime() > 0
              ? job.completionTime() - job.submissionTime() : -1), "class", "num")
          .close("tr");
    });
    html.close("tbody").close("table").close("section");
  }

  /** The operators, data flowing down from the scans to the result, in their codegen stages. */
  private static void graph(Html html, SqlExecution execution, Map<Long, String> values) {
    SqlPlanGraph graph = execution.graph();
    List<SqlPlanGraph.Node> operators = new ArrayList<>();
    for (SqlPlanGraph.Node node : graph.allNodes()) {
      if (!node.cluster()) {
        operators.add(node);
      }
    }
    Map<Long, List<String>> lines = new HashMap<>();
    List<Long> ids = new ArrayList<>();
    for (SqlPlanGraph.Node node : operators) {
      ids.add(node.id());
      lines.put(node.id(), metricLines(node, values));
    }
    Map<Long, List<Long>> parents = new HashMap<>();
    for (SqlPlanGraph.Edge edge : graph.edges()) {
      // Edges run from a child to the operator that reads it: the child is the layout's parent.
      parents.computeIfAbsent(edge.toId(), k -> new ArrayList<>()).add(edge.fromId());
    }
    LayeredLayout.Result layout = LayeredLayout.layout(ids, parents, true, BOX_WIDTH,
        id -> TITLE_HEIGHT + LINE_HEIGHT * lines.get(id).size() + 8, LAYER_GAP, SIBLING_GAP, MARGIN);
    Map<Long, LayeredLayout.Box> boxes = layout.boxes();
    html.open("figure", "class", "dag plan")
        .open("svg", "viewBox", "0 0 " + layout.width() + " " + layout.height(),
            "width", Integer.toString(layout.width()), "height", Integer.toString(layout.height()),
            "role", "group", "aria-label", "Plan of SQL query " + execution.executionId()
                + ": operators, what feeds them, and their metrics")
        .open("defs");
    LayeredLayout.arrowMarker(html);
    html.close("defs");
    List<String[]> titles = new ArrayList<>();
    for (SqlPlanGraph.Node cluster : graph.nodes()) {
      if (cluster.cluster()) {
        cluster(html, cluster, boxes, values, titles);
      }
    }
    for (SqlPlanGraph.Edge edge : graph.edges()) {
      LayeredLayout.Box from = boxes.get(edge.fromId());
      LayeredLayout.Box to = boxes.get(edge.toId());
      if (from == null || to == null) {
        continue;
      }
      html.selfClosing("line", "class", "edge", "x1", Integer.toString(from.centreX()),
          "y1", Integer.toString(from.y() + from.height()), "x2", Integer.toString(to.centreX()),
          "y2", Integer.toString(to.y() - 2), "marker-end", "url(#arrow)");
    }
    // Cluster titles over the edges that enter their cluster, with a halo to stay readable.
    for (String[] title : titles) {
      html.element("text", title[0], "x", title[1], "y", title[2], "class", "cluster-title");
    }
    for (SqlPlanGraph.Node node : operators) {
      LayeredLayout.Box box = boxes.get(node.id());
      List<String> metricLines = lines.get(node.id());
      html.open("g", "class", "node plan-node", "data-node-id", Long.toString(node.id()))
          .element("title", node.name().trim() + (node.desc().isEmpty() ? "" : "\n" + node.desc())
              + (metricLines.isEmpty() ? "" : "\n" + String.join("\n", fullMetricLines(node, values))))
          .selfClosing("rect", "x", Integer.toString(box.x()), "y", Integer.toString(box.y()),
              "width", Integer.toString(box.width()), "height", Integer.toString(box.height()),
              "rx", "6", "class", "box")
          .element("text", node.name().trim(), "x", Integer.toString(box.x() + 10),
              "y", Integer.toString(box.y() + 19), "class", "node-title");
      int y = box.y() + TITLE_HEIGHT + 12;
      for (String line : metricLines) {
        html.element("text", line, "x", Integer.toString(box.x() + 10), "y", Integer.toString(y), "class", "node-detail");
        y += LINE_HEIGHT;
      }
      html.close("g");
    }
    html.close("svg")
        .element("figcaption", "Data flows down: arrows point from an operator to the one that reads"
            + " its output. Dashed boxes are WholeStageCodegen stages, the operators Spark fuses into"
            + " one generated function. Long values are cut; the table below has them in full.")
        .close("figure");
  }

  /**
   * A dashed box around the cluster's members; its title (name and metrics: the pipeline's
   * duration) goes to {@code titles} as {text, x, y}, drawn once the edges are.
   */
  private static void cluster(Html html, SqlPlanGraph.Node cluster, Map<Long, LayeredLayout.Box> boxes,
      Map<Long, String> values, List<String[]> titles) {
    int left = Integer.MAX_VALUE;
    int top = Integer.MAX_VALUE;
    int right = Integer.MIN_VALUE;
    int bottom = Integer.MIN_VALUE;
    for (SqlPlanGraph.Node member : cluster.members()) {
      LayeredLayout.Box box = boxes.get(member.id());
      if (box != null) {
        left = Math.min(left, box.x());
        top = Math.min(top, box.y());
        right = Math.max(right, box.x() + box.width());
        bottom = Math.max(bottom, box.y() + box.height());
      }
    }
    if (left == Integer.MAX_VALUE) {
      return;
    }
    StringBuilder label = new StringBuilder(cluster.name().trim());
    for (SqlPlanGraph.Metric metric : cluster.metrics()) {
      String value = values.get(metric.accumulatorId());
      if (value != null) {
        label.append(" · ").append(metric.name().trim()).append(": ").append(lastLine(value));
      }
    }
    int x = left - CLUSTER_PAD;
    int y = top - CLUSTER_PAD - CLUSTER_LABEL;
    html.selfClosing("rect", "x", Integer.toString(x), "y", Integer.toString(y),
        "width", Integer.toString(right - left + 2 * CLUSTER_PAD),
        "height", Integer.toString(bottom - top + 2 * CLUSTER_PAD + CLUSTER_LABEL), "rx", "8", "class", "cluster-box");
    titles.add(new String[] {cut(label.toString(), MAX_TITLE), Integer.toString(x + 8), Integer.toString(y + 15)});
  }

  /** One line per metric something reported: its name and its value's last line, cut to fit. */
  private static List<String> metricLines(SqlPlanGraph.Node node, Map<Long, String> values) {
    List<String> lines = new ArrayList<>();
    for (SqlPlanGraph.Metric metric : node.metrics()) {
      String value = values.get(metric.accumulatorId());
      if (value != null) {
        lines.add(cut(metric.name().trim() + ": " + lastLine(value), MAX_LINE));
      }
    }
    return lines;
  }

  private static List<String> fullMetricLines(SqlPlanGraph.Node node, Map<Long, String> values) {
    List<String> lines = new ArrayList<>();
    for (SqlPlanGraph.Metric metric : node.metrics()) {
      String value = values.get(metric.accumulatorId());
      if (value != null) {
        lines.add(metric.name().trim() + ": " + shown(value).replace('\n', ' '));
      }
    }
    return lines;
  }

  /**
   * Every operator and stage with its full metric values: what the graph shows, readable without
   * it and in full where the boxes cut.
   */
  private static void nodeTable(Html html, SqlPlanGraph graph, Map<Long, String> values) {
    Map<Long, String> stageOf = new HashMap<>();
    for (SqlPlanGraph.Node node : graph.nodes()) {
      if (node.cluster()) {
        for (SqlPlanGraph.Node member : node.members()) {
          stageOf.put(member.id(), node.name().trim());
        }
      }
    }
    html.open("details", "class", "plan-nodes")
        .element("summary", "Operators and their metrics (" + graph.allNodes().size() + ")")
        .open("table", "class", "data")
        .element("caption", "Plan nodes in Spark's order; a metric's value is what the tasks and"
            + " the driver reported, aggregated as Spark's SQL tab does.")
        .open("thead").open("tr")
        .element("th", "Node", "scope", "col")
        .element("th", "Operator", "scope", "col")
        .element("th", "Codegen stage", "scope", "col")
        .element("th", "Metrics", "scope", "col")
        .close("tr").close("thead").open("tbody");
    for (SqlPlanGraph.Node node : graph.allNodes()) {
      html.open("tr", "data-node-id", Long.toString(node.id()))
          .element("td", Long.toString(node.id()), "class", "num")
          .open("td").element("span", node.name().trim(), "class", "operator");
      if (!node.desc().isEmpty() && !node.desc().equals(node.name())) {
        html.element("div", node.desc(), "class", "note wrap");
      }
      html.close("td")
          .element("td", node.cluster() ? "(the stage itself)" : stageOf.getOrDefault(node.id(), "–"))
          .open("td");
      boolean any = false;
      for (SqlPlanGraph.Metric metric : node.metrics()) {
        String value = values.get(metric.accumulatorId());
        if (value == null) {
          continue;
        }
        if (!any) {
          html.open("dl", "class", "metrics");
          any = true;
        }
        html.element("dt", metric.name().trim()).element("dd", shown(value), "class", "metric-value");
      }
      if (any) {
        html.close("dl");
      } else {
        html.text("–");
      }
      html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("details");
  }

  /** A collapsible block of Spark's text, escaped; nothing when the log has none. */
  private static void text(Html html, String summary, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    html.open("details", "class", "plan-text")
        .element("summary", summary)
        .element("pre", text, "class", "trace")
        .close("details");
  }

  /** Spark's value without the leading newline some metric types start with. */
  private static String shown(String value) {
    return value.startsWith("\n") ? value.substring(1) : value;
  }

  /** For "total (min, med, max (stageId: taskId))\n3.7 KiB (...)", the figures: the last line. */
  private static String lastLine(String value) {
    String shown = shown(value).strip();
    int newline = shown.lastIndexOf('\n');
    return newline < 0 ? shown : shown.substring(newline + 1).strip();
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
