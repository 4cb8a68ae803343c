package io.pipelens.history.source;

import java.util.Locale;

/**
 * Why discovery passed over a directory entry instead of listing it. Each is counted per scan so
 * that an operator can tell an empty history from a misconfigured one.
 */
public enum SkipReason {
  /** Name starts with {@code .}: temporary files of writers and old history servers. */
  HIDDEN,
  /** A file name extension that is no Spark codec, e.g. {@code README.md}. */
  UNKNOWN_EXTENSION,
  /** A zero-length file: the writer has not flushed anything yet. */
  EMPTY,
  /** A directory that is not an {@code eventlog_v2_*} rolling log (e.g. Spark 1.x layout). */
  UNSUPPORTED_DIRECTORY,
  /** A rolling log directory without any {@code events_*} file. */
  ROLLING_WITHOUT_EVENT_FILES,
  /** A rolling log directory without its {@code appstatus_*} marker. */
  ROLLING_WITHOUT_APPSTATUS,
  /** A rolling log whose {@code events_<n>} indices have a gap (a file was lost). */
  ROLLING_MISSING_INDEX,
  /** The log could be listed but has no readable {@code SparkListenerApplicationStart}. */
  NO_APPLICATION_START,
  /**
   * A compressed log ({@code .lz4 .lzf .snappy .zstd}) whose bytes are not that codec's stream as
   * Spark writes it (random bytes, another tool's format); retried when the log changes.
   */
  UNDECODABLE,
  /**
   * A compressed log that decodes to more than {@code max_decompressed_bytes}: a zip bomb, or a
   * limit set too low; retried when the log changes.
   */
  DECOMPRESSION_LIMIT,
  /** Reading the log failed with an I/O error; retried on every scan. */
  UNREADABLE;

  /** The reason as a metric tag value, e.g. {@code rolling_missing_index}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
