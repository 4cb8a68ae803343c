package io.pipelens.collector.agentconfig;

import java.util.Map;
import java.util.Set;

/**
 * Which agents a configuration file is for ({@code select}): every condition given must hold, and
 * one left out holds for all.
 *
 * @param namespaces the pod namespaces it is for; empty for any (a DaemonSet agent sends none, so
 *     only a selector without namespaces selects it)
 * @param computeType {@code fixed} or {@code serverless}; null for both
 * @param podLabels labels the agent's pod must have, with these values
 */
record Selector(Set<String> namespaces, String computeType, Map<String, String> podLabels) {

  static final Selector ANY = new Selector(Set.of(), null, Map.of());

  boolean matches(AgentIdentity agent) {
    if (!namespaces.isEmpty() && (agent.namespace() == null || !namespaces.contains(agent.namespace()))) {
      return false;
    }
    if (computeType != null && !computeType.equals(agent.computeType())) {
      return false;
    }
    for (Map.Entry<String, String> label : podLabels.entrySet()) {
      if (!label.getValue().equals(agent.labels().get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
