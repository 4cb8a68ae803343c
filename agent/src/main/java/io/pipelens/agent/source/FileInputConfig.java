package io.pipelens.agent.source;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.config.Durations;
import io.pipelens.core.config.InvalidValueException;
import java.time.Duration;
import java.util.List;

/**
 * One file input: which files to tail and how.
 *
 * <pre>{@code
 * paths: [/var/log/spark/**}{@code /*.log]
 * exclude: [/var/log/spark/archive/**]
 * format: auto
 * fingerprint_bytes: 1KiB
 * rescan_interval: 1s
 * max_open_files: 1024
 * close_idle_after: 5m
 * read_buffer_size: 64KiB
 * max_line_size: 1MiB
 * start_at: beginning
 * poll_interval: 100ms
 * }</pre>
 *
 * @param paths absolute globs of the files to read, at least one: {@code *} and {@code ?} stay
 *     within one path segment, {@code **} crosses any number of directories (also none), {@code
 *     [abc]} and {@code {a,b}} work as in shells; symbolic links are followed
 * @param exclude absolute globs of files not to read even though {@code paths} matches them
 * @param format how lines are framed: {@code raw}, {@code cri}, {@code docker} (json-file), or
 *     {@code auto} (default): CRI or Docker JSON told apart by the first line for files under
 *     {@code /var/log/pods} and {@code /var/log/containers}, raw anywhere else
 * @param fingerprintBytes how many leading bytes of a file identify it besides device and inode;
 *     1KiB by default
 * @param rescanInterval the pause between two scans of the globs; 1s by default. New files in
 *     directories already scanned are usually found at once through file system events
 * @param maxOpenFiles how many files are held open at once; 1024 by default. Files beyond it wait,
 *     and files that have been read to their end are closed to make room
 * @param closeIdleAfter a file without new data for this long is closed (and reopened when it
 *     grows); 5m by default
 * @param readBufferSize how much is read from one file before the next file gets its turn; 64KiB
 *     by default
 * @param maxLineSize longer lines are cut to this many bytes, marked truncated, and the rest is
 *     skipped without being held in memory; 1MiB by default
 * @param startAt where to start in files that have no checkpoint and exist when the agent starts:
 *     {@code beginning} (default) or {@code end}. Files created later are always read from their
 *     beginning, or their first lines would be lost
 * @param pollInterval how long the reader waits before it looks at the files again once a round
 *     has read every one to its end; 100ms by default. Each look costs a size check and a read per
 *     file, so at many slowly written files this decides most of the reader's CPU; a file with
 *     more than a read buffer behind is read again at once, whatever this says
 */
public record FileInputConfig(
    List<String> paths,
    List<String> exclude,
    Format format,
    DataSize fingerprintBytes,
    Duration rescanInterval,
    Integer maxOpenFiles,
    Duration closeIdleAfter,
    DataSize readBufferSize,
    DataSize maxLineSize,
    StartAt startAt,
    Duration pollInterval) {

  /** How a file frames its lines; see {@link FileInputConfig#format()}. */
  public enum Format {
    /** One log line per text line. */
    RAW,
    /** Kubernetes CRI ({@code <time> <stream> <P|F> <message>}). */
    CRI,
    /** Docker's json-file driver. */
    DOCKER,
    /** CRI or Docker JSON under the container log directories, detected from the first line; raw elsewhere. */
    AUTO
  }

  /** Where reading starts in a file the agent has no checkpoint for. */
  public enum StartAt {
    /** Read the whole file. */
    BEGINNING,
    /** Read only what is written after the agent started. */
    END
  }

  /** {@code fingerprint_bytes} when not set. */
  public static final DataSize DEFAULT_FINGERPRINT_BYTES = DataSize.ofKibibytes(1);

  /** {@code read_buffer_size} when not set. */
  public static final DataSize DEFAULT_READ_BUFFER_SIZE = DataSize.ofKibibytes(64);

  /** {@code max_line_size} when not set. */
  public static final DataSize DEFAULT_MAX_LINE_SIZE = DataSize.ofMebibytes(1);

  /** {@code poll_interval} when not set. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

  /** {@code max_open_files} when not set. */
  public static final int DEFAULT_MAX_OPEN_FILES = 1024;

  // A line buffer and a read buffer are allocated as single arrays, so their sum must fit an int.
  private static final long MAX_BUFFER_BYTES = 256L << 20;

  /** Applies defaults and checks every key. */
  public FileInputConfig {
    paths = absoluteGlobs("paths", paths, true);
    exclude = absoluteGlobs("exclude", exclude, false);
    format = format == null ? Format.AUTO : format;
    fingerprintBytes = fingerprintBytes == null ? DEFAULT_FINGERPRINT_BYTES : fingerprintBytes;
    Checks.require(
        fingerprintBytes.bytes() >= 16 && fingerprintBytes.bytes() <= (1 << 20),
        "fingerprint_bytes",
        fingerprintBytes,
        "must be between 16B and 1MiB");
    rescanInterval = rescanInterval == null ? Duration.ofSeconds(1) : rescanInterval;
    Checks.positive("rescan_interval", rescanInterval);
    maxOpenFiles = maxOpenFiles == null ? DEFAULT_MAX_OPEN_FILES : maxOpenFiles;
    Checks.inRange("max_open_files", maxOpenFiles, 1, 1_000_000);
    closeIdleAfter = closeIdleAfter == null ? Duration.ofMinutes(5) : closeIdleAfter;
    Checks.positive("close_idle_after", closeIdleAfter);
    readBufferSize = readBufferSize == null ? DEFAULT_READ_BUFFER_SIZE : readBufferSize;
    Checks.require(
        readBufferSize.bytes() >= 512 && readBufferSize.bytes() <= MAX_BUFFER_BYTES,
        "read_buffer_size",
        readBufferSize,
        "must be between 512B and 256MiB");
    maxLineSize = maxLineSize == null ? DEFAULT_MAX_LINE_SIZE : maxLineSize;
    Checks.require(
        maxLineSize.bytes() >= 64 && maxLineSize.bytes() <= MAX_BUFFER_BYTES,
        "max_line_size",
        maxLineSize,
        "must be between 64B and 256MiB");
    startAt = startAt == null ? StartAt.BEGINNING : startAt;
    pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    Checks.require(
        pollInterval.compareTo(Duration.ofMillis(1)) >= 0 && pollInterval.compareTo(Duration.ofSeconds(10)) <= 0,
        "poll_interval",
        Durations.format(pollInterval),
        "must be between 1ms and 10s");
  }

  /** An input reading {@code paths} with every other key at its default. */
  public static FileInputConfig of(List<String> paths) {
    return new FileInputConfig(paths, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * This input as {@code preset: spark_events} reads it: {@link SparkEventLogFiles#EXCLUDE} added
   * to {@code exclude}, and {@code max_line_size} at least {@code eventLineSize} unless it was set
   * to something else than the default (a longer event line would be cut).
   */
  public FileInputConfig forSparkEventLogs(DataSize eventLineSize) {
    List<String> excluded = new java.util.ArrayList<>(exclude);
    excluded.addAll(SparkEventLogFiles.EXCLUDE);
    DataSize lineSize = maxLineSize.equals(DEFAULT_MAX_LINE_SIZE) ? eventLineSize : maxLineSize;
    return new FileInputConfig(paths, excluded, format, fingerprintBytes, rescanInterval,
        maxOpenFiles, closeIdleAfter, readBufferSize, lineSize, startAt, pollInterval);
  }

  /** {@link #maxLineSize()} as an int, which the constructor guarantees it fits. */
  int maxLineBytes() {
    return (int) maxLineSize.bytes();
  }

  /** {@link #readBufferSize()} as an int. */
  int readBufferBytes() {
    return (int) readBufferSize.bytes();
  }

  /** {@link #fingerprintBytes()} as an int. */
  int fingerprintByteCount() {
    return (int) fingerprintBytes.bytes();
  }

  private static List<String> absoluteGlobs(String key, List<String> globs, boolean required) {
    if (globs == null && !required) {
      return List.of();
    }
    if (required) {
      Checks.notEmpty(key, globs);
    }
    for (String glob : globs) {
      Checks.required(key, glob);
      Checks.require(
          glob.startsWith("/"),
          key,
          glob,
          "must be an absolute path or glob, such as /var/log/app/*.log");
      try {
        Glob.compile(glob);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException(key, glob, e.getMessage());
      }
    }
    return List.copyOf(globs);
  }
}
