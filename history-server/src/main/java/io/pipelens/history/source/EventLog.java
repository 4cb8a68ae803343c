package io.pipelens.history.source;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One discovered event log: the event files of one application attempt, in the order their events
 * were written.
 *
 * @param store the {@link EventLogStore#location()} the log was found in
 * @param path the log's root relative to the store: the file for {@link LogLayout#SINGLE_FILE}, the
 *     {@code eventlog_v2_*} directory for {@link LogLayout#ROLLING}
 * @param layout how Spark wrote it
 * @param inProgress whether the writer has not finished ({@code .inprogress} file or appstatus
 *     marker)
 * @param files the event files to read, non-empty; for a rolling log, those from the last compacted
 *     file on, by index
 */
public record EventLog(
    String store, String path, LogLayout layout, boolean inProgress, List<StoreEntry> files) {

  /** Checks that there is something to read. */
  public EventLog {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(layout, "layout");
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("event log without files: " + path);
    }
  }

  /** A key unique across all configured stores: the log's full location. */
  public String key() {
    return store + path;
  }

  /** The log's root name: the file or directory name. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /**
   * How the event files are compressed, from the first file's name; Spark writes all files of a
   * rolling log with one codec. An extension that is no Spark codec never reaches an {@code
   * EventLog} (discovery skips it), so it is read here as {@link EventLogCodec#NONE}.
   */
  public EventLogCodec codec() {
    return EventLogCodec.ofFileName(files.get(0).name()).orElse(EventLogCodec.NONE);
  }

  /** Bytes over all event files. */
  public long totalSize() {
    long total = 0;
    for (StoreEntry file : files) {
      total += file.size();
    }
    return total;
  }

  /**
   * Modification time of the newest event file, epoch milliseconds; Spark reports the same as a
   * completed attempt's {@code lastUpdated}.
   */
  public long lastModified() {
    long latest = Long.MIN_VALUE;
    for (StoreEntry file : files) {
      latest = Math.max(latest, file.modifiedMillis());
    }
    return latest;
  }

  /** The index of the last {@code events_<n>} file for a rolling log; empty for a single file. */
  public OptionalLong lastIndex() {
    if (layout != LogLayout.ROLLING) {
      return OptionalLong.empty();
    }
    return EventLogNames.eventsFileIndex(files.get(files.size() - 1).name());
  }

  /** What a rescan compares to decide whether to read this log again. */
  public LogFingerprint fingerprint() {
    return new LogFingerprint(
        inProgress,
        files.get(0).name(),
        files.get(files.size() - 1).name(),
        totalSize(),
        lastModified(),
        files.get(files.size() - 1).etag());
  }
}
