package io.pipelens.agent.source;

import io.pipelens.agent.source.FileInputConfig.Format;
import io.pipelens.agent.source.FileInputConfig.StartAt;
import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Kubernetes container log input: what the kubelet writes under {@code /var/log/pods} for
 * every container of the node (DaemonSet) or of the pod (sidecar with a shared volume).
 *
 * <pre>{@code
 * paths: [/var/log/pods/*}{@code /*}{@code /*.log]
 * include_namespaces: [spark-jobs, ray]
 * exclude_namespaces: [kube-system]
 * format: auto
 * }</pre>
 *
 * <p>Every key of {@link FileInputConfig} other than {@code paths}' default has the same meaning
 * and default here.
 *
 * @param paths globs of container log files; {@value #DEFAULT_PATHS} by default
 * @param includeNamespaces when not empty, only pods of these namespaces are read (exact names);
 *     files whose path is not in the {@code /var/log/pods} layout are then skipped too
 * @param excludeNamespaces pods of these namespaces are never read (exact names)
 */
public record ContainerInputConfig(
    List<String> paths,
    List<String> exclude,
    List<String> includeNamespaces,
    List<String> excludeNamespaces,
    Format format,
    DataSize fingerprintBytes,
    Duration rescanInterval,
    Integer maxOpenFiles,
    Duration closeIdleAfter,
    DataSize readBufferSize,
    DataSize maxLineSize,
    StartAt startAt,
    Duration pollInterval) {

  /** Where the kubelet writes container logs: {@code <namespace>_<pod>_<uid>/<container>/<n>.log}. */
  public static final String DEFAULT_PATHS = "/var/log/pods/*/*/*.log";

  /** Applies defaults and checks every key, with {@link FileInputConfig}'s rules. */
  public ContainerInputConfig {
    FileInputConfig file =
        new FileInputConfig(
            paths == null ? List.of(DEFAULT_PATHS) : paths,
            exclude,
            format,
            fingerprintBytes,
            rescanInterval,
            maxOpenFiles,
            closeIdleAfter,
            readBufferSize,
            maxLineSize,
            startAt,
            pollInterval);
    paths = file.paths();
    exclude = file.exclude();
    format = file.format();
    fingerprintBytes = file.fingerprintBytes();
    rescanInterval = file.rescanInterval();
    maxOpenFiles = file.maxOpenFiles();
    closeIdleAfter = file.closeIdleAfter();
    readBufferSize = file.readBufferSize();
    maxLineSize = file.maxLineSize();
    startAt = file.startAt();
    pollInterval = file.pollInterval();
    includeNamespaces = namespaces("include_namespaces", includeNamespaces);
    excludeNamespaces = namespaces("exclude_namespaces", excludeNamespaces);
  }

  /** Every key at its default: all containers under {@value #DEFAULT_PATHS}. */
  public static ContainerInputConfig defaults() {
    return new ContainerInputConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The same input as a plain file input, for the tailer. */
  public FileInputConfig fileInput() {
    return new FileInputConfig(
        paths,
        exclude,
        format,
        fingerprintBytes,
        rescanInterval,
        maxOpenFiles,
        closeIdleAfter,
        readBufferSize,
        maxLineSize,
        startAt,
        pollInterval);
  }

  /** Whether the namespace filters let {@code path} through. */
  public boolean accepts(Path path) {
    return PodLogPath.parse(path)
        .map(
            pod ->
                (includeNamespaces.isEmpty() || includeNamespaces.contains(pod.namespace()))
                    && !excludeNamespaces.contains(pod.namespace()))
        .orElse(includeNamespaces.isEmpty());
  }

  private static List<String> namespaces(String key, List<String> namespaces) {
    if (namespaces == null) {
      return List.of();
    }
    for (String namespace : namespaces) {
      Checks.required(key, namespace);
      Checks.require(!namespace.isBlank(), key, namespace, "must not be blank");
    }
    return List.copyOf(namespaces);
  }
}
