package io.pipelens.agent.process.enrich;

import io.pipelens.core.record.ComputeType;
import java.util.Map;

/**
 * The labels of the pods on this node, by pod UID. The agent fills it from a node-scoped watch of
 * the Kubernetes API (or, in a sidecar, from the downward API); processing only reads it.
 *
 * <p>Called for every record, so a lookup must be cheap (a map lookup) and thread-safe. Return the
 * same {@link Map} instance for as long as a pod's labels do not change: processing compares the
 * instance to know when to rebuild a file's resource.
 */
@FunctionalInterface
public interface PodMetadata {

  /** The labels of the pod with this UID; an empty map if the pod is not known (yet). */
  Map<String, String> labels(String podUid);

  /**
   * The compute type the agent's node says it is (its labels, {@code
   * enrichment.kubernetes.serverless_node_labels}), or null when nothing was detected.
   */
  default ComputeType detectedComputeType() {
    return null;
  }

  /** No pod is ever known: records get what their path, environment and configuration say. */
  static PodMetadata none() {
    return uid -> Map.of();
  }
}
