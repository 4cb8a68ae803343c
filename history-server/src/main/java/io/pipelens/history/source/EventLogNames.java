package io.pipelens.history.source;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Spark's event log file naming rules, as written by its {@code EventLogFileWriter}s.
 *
 * <p>The application id inside a name is sanitised (lower-cased, {@code .} replaced), so names are
 * used only to classify files; the id and attempt always come from the log's events.
 */
public final class EventLogNames {

  /** Suffix of a log that is still being written. */
  public static final String IN_PROGRESS = ".inprogress";

  /** Suffix of a rolling log file produced by compaction. */
  public static final String COMPACTED = ".compact";

  /** Prefix of a rolling log directory. */
  public static final String ROLLING_DIR_PREFIX = "eventlog_v2_";

  /** Prefix of a rolling log's event files. */
  public static final String EVENTS_FILE_PREFIX = "events_";

  /** Prefix of a rolling log's completion marker. */
  public static final String APPSTATUS_FILE_PREFIX = "appstatus_";

  /** Spark's short codec names, which it appends as the file extension. */
  public static final Set<String> SPARK_CODECS = Set.of("lz4", "lzf", "snappy", "zstd");

  private EventLogNames() {}

  /** Whether the name marks an unfinished log or appstatus marker. */
  public static boolean isInProgress(String name) {
    return stripCompacted(name).endsWith(IN_PROGRESS);
  }

  /** Whether the name is a compacted rolling file. */
  public static boolean isCompacted(String name) {
    return name.endsWith(COMPACTED);
  }

  /**
   * The extension after the last {@code .} once {@code .compact} and {@code .inprogress} are
   * removed, lower-cased: a codec name such as {@code zstd}, or empty for an uncompressed log.
   * Spark sanitises {@code .} out of application ids, so any remaining dot starts an extension.
   */
  public static Optional<String> extension(String name) {
    String base = stripInProgress(stripCompacted(name));
    int dot = base.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return Optional.of(base.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Whether the name is a rolling log directory name. */
  public static boolean isRollingDirectory(String name) {
    return name.startsWith(ROLLING_DIR_PREFIX);
  }

  /** Whether the name is a rolling log's event file. */
  public static boolean isEventsFile(String name) {
    return name.startsWith(EVENTS_FILE_PREFIX);
  }

  /** Whether the name is a rolling log's appstatus marker. */
  public static boolean isAppStatusFile(String name) {
    return name.startsWith(APPSTATUS_FILE_PREFIX);
  }

  /** The {@code <n>} of {@code events_<n>_<appId>...}, or empty when the name has none. */
  public static OptionalLong eventsFileIndex(String name) {
    if (!isEventsFile(name)) {
      return OptionalLong.empty();
    }
    int start = EVENTS_FILE_PREFIX.length();
    int end = name.indexOf('_', start);
    if (end <= start) {
      return OptionalLong.empty();
    }
    try {
      long index = Long.parseLong(name.substring(start, end));
      return index < 0 ? OptionalLong.empty() : OptionalLong.of(index);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String stripCompacted(String name) {
    return name.endsWith(COMPACTED) ? name.substring(0, name.length() - COMPACTED.length()) : name;
  }

  private static String stripInProgress(String name) {
    return name.endsWith(IN_PROGRESS)
        ? name.substring(0, name.length() - IN_PROGRESS.length())
        : name;
  }
}
