package io.pipelens.history.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph of a SQL execution's physical plan, built from the {@code sparkPlanInfo} tree of its
 * start or adaptive-update event the way Spark's {@code SparkPlanGraph} builds it, so that node ids
 * and edges are Spark's: ids are handed out depth first; {@code WholeStageCodegen} nodes become
 * clusters holding the nodes they fuse; {@code InputAdapter} and query-stage wrappers are skipped;
 * a reused exchange or subquery becomes an edge to the node it reuses.
 *
 * <p>Immutable once built.
 */
public final class SqlPlanGraph {

  /** The graph of an event without a usable plan. */
  static final SqlPlanGraph EMPTY = new SqlPlanGraph(List.of(), List.of());

  private static final String WHOLE_STAGE_CODEGEN = "WholeStageCodegen";

  /** One SQL metric of a plan node: its accumulator and how its values aggregate. */
  public record Metric(String name, long accumulatorId, String metricType) {}

  /** A child-to-parent edge, as Spark's {@code SparkPlanGraphEdge}. */
  public record Edge(long fromId, long toId) {}

  /** A plan node; a {@linkplain #cluster() cluster} is a {@code WholeStageCodegen} stage. */
  public static final class Node {
    private final long id;
    private final String name;
    private final String desc;
    private final List<Metric> metrics;
    private final boolean cluster;
    private final List<Node> members;

    Node(long id, String name, String desc, List<Metric> metrics, boolean cluster) {
      this.id = id;
      this.name = name;
      this.desc = desc;
      this.metrics = metrics;
      this.cluster = cluster;
      this.members = cluster ? new ArrayList<>() : List.of();
    }

    public long id() {
      return id;
    }

    public String name() {
      return name;
    }

    /** Spark's {@code simpleString} of the operator. */
    public String desc() {
      return desc;
    }

    public List<Metric> metrics() {
      return metrics;
    }

    /** Whether this is a {@code WholeStageCodegen} cluster. */
    public boolean cluster() {
      return cluster;
    }

    /** The nodes a cluster fuses, in the order they were built; empty for other nodes. */
    public List<Node> members() {
      return Collections.unmodifiableList(members);
    }

    /** A cluster's members, for {@link ModelAccess} to restore. */
    List<Node> membersToFill() {
      return members;
    }
  }

  private final List<Node> nodes;
  private final List<Edge> edges;

  private SqlPlanGraph(List<Node> nodes, List<Edge> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  /** A graph restored from a snapshot ({@link ModelAccess}). */
  static SqlPlanGraph restored(List<Node> nodes, List<Edge> edges) {
    return new SqlPlanGraph(List.copyOf(nodes), List.copyOf(edges));
  }

  /** Top-level nodes (clusters hold their members), in build order. */
  public List<Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  /** Every node, the members of each cluster followed by the cluster, as Spark's allNodes. */
  public List<Node> allNodes() {
    List<Node> all = new ArrayList<>();
    for (Node node : nodes) {
      if (node.cluster) {
        all.addAll(node.members);
      }
      all.add(node);
    }
    return all;
  }

  /** Builds the graph of a {@code sparkPlanInfo} tree; {@link #EMPTY} when there is none. */
  static SqlPlanGraph of(JsonNode planInfo) {
    if (planInfo == null || !planInfo.isObject()) {
      return EMPTY;
    }
    Builder builder = new Builder();
    builder.build(planInfo, null, null);
    return new SqlPlanGraph(List.copyOf(builder.nodes), List.copyOf(builder.edges));
  }

  /**
   * What Spark's {@code SparkPlanInfo.equals} compares: name, string and children, not metrics.
   */
  private record PlanKey(String nodeName, String simpleString, List<PlanKey> children) {
    static PlanKey of(JsonNode info) {
      List<PlanKey> keys = new ArrayList<>();
      for (JsonNode child : SqlPlanGraph.children(info)) {
        keys.add(of(child));
      }
      return new PlanKey(
          Json.text(info, "nodeName"), Json.text(info, "simpleString"), List.copyOf(keys));
    }
  }

  private static final class Builder {
    private long nextId;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<PlanKey, Node> exchanges = new HashMap<>();

    void build(JsonNode info, Node parent, Node subgraph) {
      String name = orEmpty(Json.text(info, "nodeName"));
      List<JsonNode> children = children(info);
      JsonNode firstChild = children.isEmpty() ? null : children.get(0);
      if (name.startsWith(WHOLE_STAGE_CODEGEN)) {
        Node cluster =
            new Node(nextId++, name, orEmpty(Json.text(info, "simpleString")), metrics(info), true);
        nodes.add(cluster);
        if (firstChild != null) {
          build(firstChild, parent, cluster);
        }
        return;
      }
      switch (name) {
        case "InputAdapter", "TableCacheQueryStage", "ResultQueryStage" -> {
          if (firstChild != null) {
            build(firstChild, parent, null);
          }
          return;
        }
        case "BroadcastQueryStage", "ShuffleQueryStage" -> {
          if (firstChild == null) {
            return;
          }
          Node reused = exchanges.get(PlanKey.of(firstChild));
          if (reused != null) {
            addEdge(reused, parent);
          } else {
            build(firstChild, parent, null);
          }
          return;
        }
        case "Subquery" -> {
          if (subgraph != null) {
            // A subquery is never part of a codegen stage.
            build(info, parent, null);
            return;
          }
          Node reused = exchanges.get(PlanKey.of(info));
          if (reused != null) {
            if (parent != null) {
              Edge edge = new Edge(reused.id, parent.id);
              if (!edges.contains(edge)) {
                edges.add(edge);
              }
            }
            return;
          }
        }
        case "ReusedSubquery" -> {
          // The reuse may come before the original: build through to it, the Subquery case joins.
          if (firstChild != null) {
            build(firstChild, parent, subgraph);
          }
          return;
        }
        case "ReusedExchange" -> {
          Node reused = firstChild == null ? null : exchanges.get(PlanKey.of(firstChild));
          if (reused != null) {
            addEdge(reused, parent);
            return;
          }
        }
        default -> {}
      }
      Node node =
          new Node(nextId++, name, orEmpty(Json.text(info, "simpleString")), metrics(info), false);
      if (subgraph == null) {
        nodes.add(node);
      } else {
        subgraph.members.add(node);
      }
      if (name.contains("Exchange") || name.equals("Subquery")) {
        exchanges.put(PlanKey.of(info), node);
      }
      if (parent != null) {
        edges.add(new Edge(node.id, parent.id));
      }
      for (JsonNode child : children) {
        build(child, node, subgraph);
      }
    }

    private void addEdge(Node from, Node parent) {
      if (parent != null) {
        edges.add(new Edge(from.id, parent.id));
      }
    }
  }

  private static List<JsonNode> children(JsonNode info) {
    JsonNode children = info.get("children");
    if (children == null || !children.isArray()) {
      return List.of();
    }
    List<JsonNode> list = new ArrayList<>(children.size());
    children.forEach(list::add);
    return list;
  }

  /** The {@code metrics} of a plan node or an adaptive metric update. */
  static List<Metric> metrics(JsonNode holder) {
    return metricList(holder == null ? null : holder.get("metrics"));
  }

  static List<Metric> metricList(JsonNode array) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      return List.of();
    }
    List<Metric> metrics = new ArrayList<>(array.size());
    for (JsonNode metric : array) {
      metrics.add(
          new Metric(
              orEmpty(Json.text(metric, "name")),
              Json.longOr(metric, "accumulatorId", -1),
              orEmpty(Json.text(metric, "metricType"))));
    }
    return List.copyOf(metrics);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
