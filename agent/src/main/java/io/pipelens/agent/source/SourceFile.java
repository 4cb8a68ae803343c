package io.pipelens.agent.source;

import io.pipelens.core.record.Stream;
import java.nio.file.Path;

/**
 * A file the agent reads, with what its input says about it.
 *
 * @param input the name of the input that found it ({@code inputs[n].name}, or {@code file-n})
 * @param path the path it was found at (the symlink, if it is one); becomes {@code log.file.path}
 * @param identity which file it is, across renames
 * @param stream event, engine or business
 * @param format how lines are framed: {@link LineFormat#RAW} for plain files, CRI or Docker JSON
 *     for container logs under {@code /var/log/pods}
 */
public record SourceFile(String input, Path path, FileIdentity identity, Stream stream, LineFormat format) {

  /** How a file frames its lines. */
  public enum LineFormat {
    /** One log line per text line. */
    RAW,
    /** Kubernetes CRI: {@code <RFC3339Nano> stdout|stderr F|P <msg>}. */
    CRI,
    /** Docker's json-file driver: {@code {"log":"...","stream":"stdout","time":"..."}}. */
    DOCKER_JSON
  }
}
