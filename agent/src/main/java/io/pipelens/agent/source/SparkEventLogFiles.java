package io.pipelens.agent.source;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's event-log file names ({@code EventLogFileWriters.scala}), as the tailer needs them for
 * {@code preset: spark_events}: which files are not lines of text, and the order of a rolling
 * log's files.
 *
 * <ul>
 *   <li>Single file: {@code <app>[_<attempt>][.<codec>][.inprogress]}.
 *   <li>Rolling: directory {@code eventlog_v2_<app>[_<attempt>]} with {@code
 *       events_<n>_<app>[_<attempt>][.<codec>]} and the empty marker {@code
 *       appstatus_<app>[_<attempt>][.inprogress]}.
 * </ul>
 */
public final class SparkEventLogFiles {

  /**
   * What a {@code spark_events} input never reads: compressed logs (Spark's codecs {@code lz4},
   * {@code lzf}, {@code snappy}, {@code zstd}; their bytes are not lines) and the {@code
   * appstatus_*} markers, which hold nothing.
   */
  public static final List<String> EXCLUDE = List.of(
      "/**/*.{lz4,lzf,snappy,zstd}",
      "/**/*.{lz4,lzf,snappy,zstd}.inprogress",
      "/**/eventlog_v2_*/appstatus_*");

  private static final Pattern EVENTS_FILE = Pattern.compile("events_(\\d{1,9})_.+");

  private SparkEventLogFiles() {}

  /**
   * The index {@code n} of a rolling log's {@code events_<n>_...} file inside an {@code
   * eventlog_v2_*} directory, or -1 for any other file.
   */
  static int rollingIndex(Path path) {
    Path parent = path.getParent();
    Path name = path.getFileName();
    if (parent == null || name == null || parent.getFileName() == null
        || !parent.getFileName().toString().startsWith("eventlog_v2_")) {
      return -1;
    }
    Matcher matcher = EVENTS_FILE.matcher(name.toString());
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
  }
}
