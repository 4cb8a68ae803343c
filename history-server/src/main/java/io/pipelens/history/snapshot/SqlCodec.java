package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ModelAccess;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.SqlPlanGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SqlExecution}s with their plan graph. The metric values are written as shown: for an
 * execution still running, what the live aggregation gives at the end of the log, which no later
 * event can change: a snapshot is read only for the log it was written from, and never resumed.
 */
final class SqlCodec {

  private SqlCodec() {}

  static void write(SnapshotOutput out, SqlExecution execution) throws IOException {
    out.varLong(execution.executionId());
    out.varLong(execution.rootExecutionId());
    out.string(execution.description());
    out.string(execution.details());
    out.string(execution.physicalPlanDescription());
    out.varLong(execution.submissionTime());
    out.varLong(execution.completionTime());
    out.string(execution.errorMessage());
    out.bool(ModelAccess.errorMessageSet(execution));
    writeGraph(out, execution.graph());
    Map<Long, String> values = execution.metricValues();
    out.count(values.size());
    for (Map.Entry<Long, String> entry : values.entrySet()) {
      out.varLong(entry.getKey());
      out.string(entry.getValue());
    }
    Map<Integer, SqlExecution.JobStatus> jobs = execution.jobs();
    out.count(jobs.size());
    for (Map.Entry<Integer, SqlExecution.JobStatus> entry : jobs.entrySet()) {
      out.varInt(entry.getKey());
      out.constant(entry.getValue());
    }
    out.count(ModelAccess.stages(execution).size());
    for (int stageId : ModelAccess.stages(execution)) {
      out.varInt(stageId);
    }
  }

  static SqlExecution read(SnapshotInput in) {
    long executionId = in.varLong();
    long rootExecutionId = in.varLong();
    String description = in.string();
    String details = in.string();
    String plan = in.string();
    long submissionTime = in.varLong();
    long completionTime = in.varLong();
    String errorMessage = in.string();
    boolean errorMessageSet = in.bool();
    SqlPlanGraph graph = readGraph(in);
    int valueCount = in.count();
    Map<Long, String> values = new HashMap<>();
    for (int i = 0; i < valueCount; i++) {
      values.put(in.varLong(), in.string());
    }
    SqlExecution execution =
        ModelAccess.newSqlExecution(
            executionId,
            rootExecutionId,
            description,
            details,
            plan,
            submissionTime,
            completionTime,
            errorMessage,
            errorMessageSet,
            graph,
            values);
    int jobCount = in.count();
    for (int i = 0; i < jobCount; i++) {
      ModelAccess.jobs(execution).put(in.varInt(), in.constant(SqlExecution.JobStatus.values()));
    }
    int stageCount = in.count();
    for (int i = 0; i < stageCount; i++) {
      ModelAccess.stages(execution).add(in.varInt());
    }
    return execution;
  }

  private static void writeGraph(SnapshotOutput out, SqlPlanGraph graph) throws IOException {
    out.count(graph.nodes().size());
    for (SqlPlanGraph.Node node : graph.nodes()) {
      writeNode(out, node);
      if (node.cluster()) {
        out.count(node.members().size());
        for (SqlPlanGraph.Node member : node.members()) {
          writeNode(out, member);
        }
      }
    }
    out.count(graph.edges().size());
    for (SqlPlanGraph.Edge edge : graph.edges()) {
      out.varLong(edge.fromId());
      out.varLong(edge.toId());
    }
  }

  private static SqlPlanGraph readGraph(SnapshotInput in) {
    int nodeCount = in.count();
    List<SqlPlanGraph.Node> nodes = new ArrayList<>(nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      SqlPlanGraph.Node node = readNode(in);
      if (node.cluster()) {
        int memberCount = in.count();
        for (int m = 0; m < memberCount; m++) {
          SqlPlanGraph.Node member = readNode(in);
          if (member.cluster()) {
            throw new CorruptSnapshotException("a cluster inside a cluster");
          }
          ModelAccess.addMember(node, member);
        }
      }
      nodes.add(node);
    }
    int edgeCount = in.count();
    List<SqlPlanGraph.Edge> edges = new ArrayList<>(edgeCount);
    for (int i = 0; i < edgeCount; i++) {
      edges.add(new SqlPlanGraph.Edge(in.varLong(), in.varLong()));
    }
    return ModelAccess.newGraph(nodes, edges);
  }

  private static void writeNode(SnapshotOutput out, SqlPlanGraph.Node node) throws IOException {
    out.varLong(node.id());
    out.string(node.name());
    out.string(node.desc());
    out.bool(node.cluster());
    out.count(node.metrics().size());
    for (SqlPlanGraph.Metric metric : node.metrics()) {
      out.string(metric.name());
      out.varLong(metric.accumulatorId());
      out.string(metric.metricType());
    }
  }

  private static SqlPlanGraph.Node readNode(SnapshotInput in) {
    long id = in.varLong();
    String name = in.string();
    String desc = in.string();
    boolean cluster = in.bool();
    int metricCount = in.count();
    List<SqlPlanGraph.Metric> metrics = new ArrayList<>(metricCount);
    for (int i = 0; i < metricCount; i++) {
      metrics.add(new SqlPlanGraph.Metric(in.string(), in.varLong(), in.string()));
    }
    return ModelAccess.newNode(id, name, desc, List.copyOf(metrics), cluster);
  }
}
