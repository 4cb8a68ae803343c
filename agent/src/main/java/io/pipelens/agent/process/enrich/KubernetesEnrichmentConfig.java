package io.pipelens.agent.process.enrich;

import io.pipelens.core.config.Checks;
import java.time.Duration;
import java.util.List;

/**
 * The {@code enrichment.kubernetes} section: pod labels from the Kubernetes API, by pod UID, for
 * {@link ResourceEnricher} ({@code spark-app-selector}, {@code spark-role}, {@code ray.io/cluster},
 * the team and priority labels, ...). Off by default; without it records get what their path, the
 * downward API and the configuration say.
 *
 * <p>The agent keeps a shared informer (one list, then a watch) on pods, so a record's lookup is a
 * map read and the API server sees one watch per agent:
 *
 * <ul>
 *   <li>{@code scope: node} (DaemonSet): the pods of this node, with the field selector {@code
 *       spec.nodeName=<node_name>}. Needs RBAC {@code get}, {@code list} and {@code watch} on
 *       {@code pods} cluster-wide.
 *   <li>{@code scope: pod} (sidecar): only the agent's own pod, {@code metadata.name=<pod_name>} in
 *       {@code pod_namespace}. Needs {@code get}, {@code list} and {@code watch} on {@code pods} in
 *       that namespace.
 * </ul>
 *
 * The API server and credentials come from the pod's service account (or {@code KUBECONFIG} and the
 * other settings the fabric8 client reads).
 *
 * @param enabled whether to watch pods at all; {@code false} by default
 * @param scope {@code node} (default) or {@code pod}, as above
 * @param nodeName the node whose pods are watched with {@code scope: node}; the {@code NODE_NAME}
 *     environment variable (downward API {@code spec.nodeName}) by default
 * @param podName the agent's pod with {@code scope: pod}; {@code POD_NAME} by default
 * @param podNamespace its namespace; {@code POD_NAMESPACE} by default
 * @param syncTimeout how long the agent's start waits for the first list of pods; records read
 *     before it completes lack their labels. {@code 10s} by default; an API server that does not
 *     answer in time is logged and the agent starts anyway, the informer retrying behind it
 * @param deletedPodGrace how long a deleted pod's labels are kept, for the lines of its log files
 *     that are read after the pod is gone; {@code 5m} by default
 * @param serverlessNodeLabels node labels that make {@code pipelens.compute.type} {@code
 *     serverless} when {@code enrichment.compute_type} is not set: at start the agent reads its
 *     node ({@code node_name}, or with {@code scope: pod} the node its pod runs on) and checks its
 *     labels against these rules ({@code key}, {@code key=value} or {@code key=~regex}); {@link
 *     ServerlessNodeRule#DEFAULTS} by default. Needs {@code get} on {@code nodes}
 */
public record KubernetesEnrichmentConfig(
    Boolean enabled,
    Scope scope,
    String nodeName,
    String podName,
    String podNamespace,
    Duration syncTimeout,
    Duration deletedPodGrace,
    List<String> serverlessNodeLabels) {

  /** Which pods the agent watches. */
  public enum Scope {
    /** The pods of {@code node_name}: the agent runs as a DaemonSet. */
    NODE,
    /** The agent's own pod: the agent runs as a sidecar. */
    POD
  }

  public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DELETED_POD_GRACE = Duration.ofMinutes(5);

  public KubernetesEnrichmentConfig {
    enabled = enabled != null && enabled;
    scope = scope != null ? scope : Scope.NODE;
    syncTimeout = syncTimeout != null ? syncTimeout : DEFAULT_SYNC_TIMEOUT;
    deletedPodGrace = deletedPodGrace != null ? deletedPodGrace : DEFAULT_DELETED_POD_GRACE;
    Checks.positive("sync_timeout", syncTimeout);
    Checks.require(!deletedPodGrace.isNegative(), "deleted_pod_grace", deletedPodGrace, "must not be negative");
    serverlessNodeLabels = serverlessNodeLabels != null ? List.copyOf(serverlessNodeLabels)
        : ServerlessNodeRule.DEFAULTS;
    for (String rule : serverlessNodeLabels) {
      ServerlessNodeRule.parse("serverless_node_labels", rule);
    }
  }

  /** The settings without {@code serverless_node_labels}, which then has its defaults. */
  public KubernetesEnrichmentConfig(Boolean enabled, Scope scope, String nodeName, String podName,
      String podNamespace, Duration syncTimeout, Duration deletedPodGrace) {
    this(enabled, scope, nodeName, podName, podNamespace, syncTimeout, deletedPodGrace, null);
  }

  /** {@link #serverlessNodeLabels()} parsed. */
  public List<ServerlessNodeRule> serverlessNodeRules() {
    return serverlessNodeLabels.stream()
        .map(rule -> ServerlessNodeRule.parse("serverless_node_labels", rule)).toList();
  }

  /** Off. */
  public static KubernetesEnrichmentConfig disabled() {
    return new KubernetesEnrichmentConfig(null, null, null, null, null, null, null, null);
  }

  /**
   * This configuration with the names it leaves out taken from the downward-API environment
   * ({@code NODE_NAME}, {@code POD_NAME}, {@code POD_NAMESPACE}), checked: an enabled watch needs
   * the names of its scope.
   */
  public KubernetesEnrichmentConfig resolve(java.util.Map<String, String> env) {
    KubernetesEnrichmentConfig resolved = new KubernetesEnrichmentConfig(enabled, scope,
        orEnv(nodeName, env, "NODE_NAME"), orEnv(podName, env, "POD_NAME"), orEnv(podNamespace, env, "POD_NAMESPACE"),
        syncTimeout, deletedPodGrace, serverlessNodeLabels);
    if (resolved.enabled) {
      if (resolved.scope == Scope.NODE) {
        Checks.require(resolved.nodeName != null, "enrichment.kubernetes.node_name",
            "is required with scope node: set it, or NODE_NAME from the downward API (spec.nodeName)");
      } else {
        Checks.require(resolved.podName != null, "enrichment.kubernetes.pod_name",
            "is required with scope pod: set it, or POD_NAME from the downward API (metadata.name)");
        Checks.require(resolved.podNamespace != null, "enrichment.kubernetes.pod_namespace",
            "is required with scope pod: set it, or POD_NAMESPACE from the downward API (metadata.namespace)");
      }
    }
    return resolved;
  }

  private static String orEnv(String value, java.util.Map<String, String> env, String variable) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
  }
}
