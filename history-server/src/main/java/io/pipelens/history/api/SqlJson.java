package io.pipelens.history.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.SqlPlanGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Spark's {@code ExecutionData} (sql/core's {@code status.api.v1.sql}) as its {@code
 * SqlResource} prepares it: job ids split by status in the execution's job order, nodes of the
 * whole graph (cluster members and clusters) by node id descending with the metrics something
 * reported, a leading newline of a value cut, and {@code wholeStageCodegenId} for nodes inside a
 * {@code WholeStageCodegen (n)} cluster.
 */
final class SqlJson {

  private static final String WHOLE_STAGE_CODEGEN = "WholeStageCodegen";

  private SqlJson() {}

  /**
   * @param now the time a running execution's duration runs to
   */
  static void execution(
      JsonGenerator json, SqlExecution execution, boolean details, boolean planDescription, long now)
      throws IOException {
    List<Integer> running = new ArrayList<>();
    List<Integer> succeeded = new ArrayList<>();
    List<Integer> failed = new ArrayList<>();
    execution
        .jobs()
        .forEach(
            (id, status) -> {
              switch (status) {
                case RUNNING -> running.add(id);
                case SUCCEEDED -> succeeded.add(id);
                case FAILED -> failed.add(id);
              }
            });
    long end = execution.completionTime() >= 0 ? execution.completionTime() : now;
    json.writeStartObject();
    json.writeNumberField("id", execution.executionId());
    json.writeStringField("status", execution.status());
    if (execution.description() != null) {
      json.writeStringField("description", execution.description());
    }
    String plan = planDescription ? execution.physicalPlanDescription() : "";
    if (plan != null) {
      json.writeStringField("planDescription", plan);
    }
    json.writeStringField("submissionTime", SparkDates.format(execution.submissionTime()));
    json.writeNumberField("duration", end - execution.submissionTime());
    ints(json, "runningJobIds", running);
    ints(json, "successJobIds", succeeded);
    ints(json, "failedJobIds", failed);
    json.writeArrayFieldStart("nodes");
    if (details) {
      nodes(json, execution.graph(), execution.metricValues());
    }
    json.writeEndArray();
    json.writeArrayFieldStart("edges");
    if (details) {
      for (SqlPlanGraph.Edge edge : execution.graph().edges()) {
        json.writeStartObject();
        json.writeNumberField("fromId", edge.fromId());
        json.writeNumberField("toId", edge.toId());
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void nodes(JsonGenerator json, SqlPlanGraph graph, Map<Long, String> values)
      throws IOException {
    Map<Long, Long> codegenIds = new HashMap<>();
    for (SqlPlanGraph.Node node : graph.allNodes()) {
      if (node.cluster() && node.name().trim().startsWith(WHOLE_STAGE_CODEGEN)) {
        Long codegenId = codegenId(node.name().trim());
        for (SqlPlanGraph.Node member : node.members()) {
          codegenIds.put(member.id(), codegenId);
        }
      }
    }
    List<SqlPlanGraph.Node> nodes = new ArrayList<>(graph.allNodes());
    // Spark sorts ascending and reverses: descending ids, ties (none) in reverse build order.
    nodes.sort((a, b) -> Long.compare(b.id(), a.id()));
    for (SqlPlanGraph.Node node : nodes) {
      json.writeStartObject();
      json.writeNumberField("nodeId", node.id());
      json.writeStringField("nodeName", node.name().trim());
      Long codegenId = codegenIds.get(node.id());
      if (codegenId != null) {
        json.writeNumberField("wholeStageCodegenId", codegenId);
      }
      json.writeArrayFieldStart("metrics");
      for (SqlPlanGraph.Metric metric : node.metrics()) {
        String value = values.get(metric.accumulatorId());
        if (value == null) {
          continue;
        }
        json.writeStartObject();
        json.writeStringField("name", metric.name().trim());
        json.writeStringField("value", value.startsWith("\n") ? value.substring(1) : value);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** The n of {@code WholeStageCodegen (n)}; null when the name is not of that form. */
  private static Long codegenId(String name) {
    String prefix = WHOLE_STAGE_CODEGEN + " (";
    if (name.length() < prefix.length() + 1) {
      return null;
    }
    try {
      return Long.parseLong(name.substring(prefix.length(), name.length() - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void ints(JsonGenerator json, String field, List<Integer> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (int value : values) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }
}
