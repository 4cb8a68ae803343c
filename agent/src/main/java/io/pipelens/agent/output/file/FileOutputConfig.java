package io.pipelens.agent.output.file;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import java.nio.file.Path;

/**
 * The {@code file} output: records as NDJSON, one JSON object per line (see {@link NdjsonEncoder}
 * for the fields), appended to a local file. For debugging, demos and tests rather than production
 * shipping.
 *
 * <p><b>Durability.</b> A batch is acknowledged once its lines are written to the operating system
 * and, with {@code fsync: true}, forced to the disk. Without {@code fsync} an agent crash loses
 * nothing, but a crash of the machine can lose the last seconds of lines that were already
 * acknowledged (their checkpoint moved); with it, each batch costs one disk flush.
 *
 * @param path the file; created with its parent directories, appended to if it exists; required
 * @param fsync whether to force each batch to the disk before acknowledging it; false by default
 * @param rotateSize when set, a file that would grow past it is renamed to {@code <path>.1}
 *     (replacing an older one) and a new file started; unset by default: no rotation
 */
public record FileOutputConfig(Path path, Boolean fsync, DataSize rotateSize) {

  public FileOutputConfig {
    Checks.required("path", path);
    fsync = fsync != null ? fsync : false;
    Checks.require(
        rotateSize == null || rotateSize.bytes() >= 1024,
        "rotate_size", rotateSize, "must be at least 1KiB");
  }
}
