package io.pipelens.agent.source;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kubelet encodes in a container log's path, {@code
 * /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log}.
 *
 * <p>Namespace and pod names are DNS names, which cannot hold {@code _}, so the directory name
 * splits unambiguously. Only the last three path segments are read, so the layout is recognised
 * under any mount point (a sidecar may mount the node's directory elsewhere).
 *
 * @param namespace the pod's namespace
 * @param podName the pod's name
 * @param podUid the pod's UID
 * @param container the container's name
 * @param restartCount the container's restart count, the log file's number
 */
public record PodLogPath(
    String namespace, String podName, String podUid, String container, int restartCount) {

  private static final Pattern POD_DIRECTORY =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)_([a-z0-9]([-.a-z0-9]*[a-z0-9])?)_([-0-9a-fA-F]+)");
  private static final Pattern CONTAINER = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LOG_FILE = Pattern.compile("(\\d{1,9})\\.log");

  /** The parts of {@code path}, or empty when it is not in the kubelet's layout. */
  public static Optional<PodLogPath> parse(Path path) {
    int count = path.getNameCount();
    if (count < 3) {
      return Optional.empty();
    }
    Matcher pod = POD_DIRECTORY.matcher(path.getName(count - 3).toString());
    String container = path.getName(count - 2).toString();
    Matcher file = LOG_FILE.matcher(path.getName(count - 1).toString());
    if (!pod.matches() || !CONTAINER.matcher(container).matches() || !file.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new PodLogPath(
            pod.group(1), pod.group(3), pod.group(5), container, Integer.parseInt(file.group(1))));
  }
}
