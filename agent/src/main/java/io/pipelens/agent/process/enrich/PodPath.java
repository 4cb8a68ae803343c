package io.pipelens.agent.process.enrich;

import io.pipelens.agent.source.PodLogPath;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container log's path says about its pod; any field the path does not give is null.
 *
 * <ul>
 *   <li>{@code /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log}, read by the
 *       tailer's {@link PodLogPath}, also after the kubelet rotated it to {@code
 *       <restart>.log.<timestamp>} (the tailer drains rotated files, and the agent may start while
 *       it does);
 *   <li>{@code /var/log/containers/<pod>_<namespace>_<container>-<container id>.log}, the kubelet's
 *       symlinks, which name no UID.
 * </ul>
 */
record PodPath(String namespace, String pod, String uid, String container) {

  private static final PodPath NONE = new PodPath(null, null, null, null);
  private static final Pattern ROTATED = Pattern.compile("(\\d+\\.log)\\..+");

  static PodPath parse(Path path) {
    Path name = path.getFileName();
    if (name == null) {
      return NONE;
    }
    Matcher rotated = ROTATED.matcher(name.toString());
    Path current = rotated.matches() ? path.resolveSibling(rotated.group(1)) : path;
    Optional<PodLogPath> pod = PodLogPath.parse(current);
    if (pod.isPresent()) {
      PodLogPath parts = pod.get();
      return new PodPath(parts.namespace(), parts.podName(), parts.podUid(), parts.container());
    }
    return fromContainersLink(path);
  }

  private static PodPath fromContainersLink(Path path) {
    int count = path.getNameCount();
    String name = path.getFileName().toString();
    if (count < 2 || !path.getName(count - 2).toString().equals("containers") || !name.endsWith(".log")) {
      return NONE;
    }
    String[] parts = name.substring(0, name.length() - 4).split("_", -1);
    int dash = parts.length == 3 ? parts[2].lastIndexOf('-') : -1;
    if (dash <= 0 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return NONE;
    }
    return new PodPath(parts[1], parts[0], null, parts[2].substring(0, dash));
  }
}
