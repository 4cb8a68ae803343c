package io.pipelens.agent.process.enrich;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark application an event-log file belongs to, from its name: what Spark's event-log
 * writers name them, so that the records of a node's shared {@code spark.eventLog.dir}, whose path
 * names no pod, still carry {@code spark.app.id} and can be archived per application.
 *
 * <ul>
 *   <li>single files: {@code <app>[_<attempt>][.lz4|.lzf|.snappy|.zstd][.inprogress]};
 *   <li>rolling logs: {@code eventlog_v2_<app>[_<attempt>]/events_<n>_<app>[_<attempt>][.<codec>]},
 *       the directory naming the application.
 * </ul>
 *
 * The attempt suffix is told apart only where the id's own shape allows: after a Kubernetes
 * ({@code spark-<hex>}), standalone ({@code app-<date>-<n>}) or local ({@code local-<millis>}) id a
 * trailing {@code _<digits>} is the attempt; a YARN id ({@code application_<ts>_<n>}) takes a third
 * {@code _<digits>} as the attempt. Other names are taken whole. Spark writes the id lowercased
 * and with {@code :} and {@code /} replaced, so the result is the id as the file system shows it.
 */
final class SparkEventLogFiles {

  private static final Pattern SUFFIXES = Pattern.compile("(?:\\.(?:lz4|lzf|snappy|zstd))?(?:\\.inprogress)?$");
  private static final Pattern ROLLING_FILE = Pattern.compile("events_\\d+_(.+)");
  private static final Pattern ROLLING_DIR = Pattern.compile("eventlog_v2_(.+)");
  private static final Pattern WITH_ATTEMPT =
      Pattern.compile("((?:spark-[0-9a-z]+|app-\\d+-\\d+|local-\\d+)|application_\\d+_\\d+)_\\d+");

  private SparkEventLogFiles() {}

  /** The application id {@code path}'s name gives, or null when it names none. */
  static String appId(Path path) {
    Path name = path.getFileName();
    if (name == null) {
      return null;
    }
    Path parent = path.getParent();
    Matcher dir = parent == null || parent.getFileName() == null ? null
        : ROLLING_DIR.matcher(parent.getFileName().toString());
    String base;
    if (dir != null && dir.matches()) {
      base = dir.group(1); // events_<n>_… and appstatus_… alike
    } else {
      String file = SUFFIXES.matcher(name.toString()).replaceFirst("");
      Matcher rolling = ROLLING_FILE.matcher(file);
      base = rolling.matches() ? rolling.group(1) : file;
    }
    if (base.isEmpty() || base.startsWith(".")) {
      return null;
    }
    Matcher attempt = WITH_ATTEMPT.matcher(base);
    return attempt.matches() ? attempt.group(1) : base;
  }
}
