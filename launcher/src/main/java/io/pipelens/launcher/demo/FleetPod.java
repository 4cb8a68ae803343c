package io.pipelens.launcher.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * One pod of the synthetic fleet: where the kubelet would keep its container logs, and the labels
 * the Kubernetes API would give the agent.
 *
 * @param node the node it runs on
 * @param namespace its namespace (its team's)
 * @param name its name
 * @param uid its UID, derived from its name so a rerun finds the same pods
 * @param labels its labels
 */
public record FleetPod(String node, String namespace, String name, String uid, Map<String, String> labels) {

  public FleetPod {
    labels = Map.copyOf(labels);
  }

  static FleetPod of(String node, String namespace, String name, Map<String, String> labels) {
    String uid = UUID.nameUUIDFromBytes((namespace + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
    return new FleetPod(node, namespace, name, uid, labels);
  }

  /** {@code <fleet>/<node>/var/log/pods/<namespace>_<name>_<uid>/<container>/0.log}. */
  Path containerLog(Path fleet, String container) {
    return fleet.resolve(node).resolve("var/log/pods").resolve(namespace + "_" + name + "_" + uid)
        .resolve(container).resolve("0.log");
  }
}
