package io.pipelens.agent.process.enrich;

import io.pipelens.core.config.Checks;
import io.pipelens.core.record.ComputeType;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent adds to every record's resource besides what the file's path and its pod say
 * ({@code enrichment}).
 *
 * @param computeType {@code fixed} (a long-lived cluster node) or {@code serverless} (a virtual
 *     node, per-job compute); becomes {@code pipelens.compute.type}. When not set, it is detected
 *     from the node's labels with {@code kubernetes.enabled} ({@code
 *     kubernetes.serverless_node_labels}), and {@code fixed} otherwise; null here then
 * @param team {@code pipelens.team} for records whose pod has no {@code team_label}; none by default
 * @param priority {@code pipelens.priority} for records whose pod has no {@code priority_label};
 *     none by default
 * @param attributes more resource attributes, the same for every record; none by default
 * @param teamLabel the pod label that names the team; {@code pipelens.io/team} by default
 * @param priorityLabel the pod label that gives the priority; {@code pipelens.io/priority} by
 *     default
 * @param kubernetes pod labels from the Kubernetes API ({@code enrichment.kubernetes}: {@code
 *     enabled}, {@code scope}, {@code node_name}, {@code pod_name}, {@code pod_namespace}, {@code
 *     sync_timeout}, {@code deleted_pod_grace}); off by default, see {@link
 *     KubernetesEnrichmentConfig}
 */
public record EnrichmentConfig(
    ComputeType computeType,
    String team,
    String priority,
    Map<String, String> attributes,
    String teamLabel,
    String priorityLabel,
    KubernetesEnrichmentConfig kubernetes) {

  /** Default of {@code team_label}. */
  public static final String DEFAULT_TEAM_LABEL = "pipelens.io/team";

  /** Default of {@code priority_label}. */
  public static final String DEFAULT_PRIORITY_LABEL = "pipelens.io/priority";

  public EnrichmentConfig {
    // Sorted, so the resource and the described configuration do not depend on YAML order.
    attributes = attributes != null ? Map.copyOf(new TreeMap<>(attributes)) : Map.of();
    teamLabel = teamLabel != null ? teamLabel : DEFAULT_TEAM_LABEL;
    priorityLabel = priorityLabel != null ? priorityLabel : DEFAULT_PRIORITY_LABEL;
    kubernetes = kubernetes != null ? kubernetes : KubernetesEnrichmentConfig.disabled();
    Checks.require(!teamLabel.isBlank(), "team_label", teamLabel, "must not be blank");
    Checks.require(!priorityLabel.isBlank(), "priority_label", priorityLabel, "must not be blank");
    for (String key : attributes.keySet()) {
      Checks.require(!key.isBlank(), "attributes", key, "attribute names must not be blank");
    }
  }

  /** Every key at its default. */
  public static EnrichmentConfig defaults() {
    return new EnrichmentConfig(null, null, null, null, null, null, null);
  }
}
