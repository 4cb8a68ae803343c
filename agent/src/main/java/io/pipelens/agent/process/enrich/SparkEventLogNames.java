package io.pipelens.agent.process.enrich;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application an event-log file belongs to, from the names Spark gives it
 * ({@code EventLogFileWriters.scala}): {@code <app>[_<attempt>][.<codec>][.inprogress]} for a single
 * file, {@code eventlog_v2_<app>[_<attempt>]/events_<n>_<app>[_<attempt>][.<codec>]} for a rolling
 * log. {@code <app>} is the id as Spark sanitized it (lower case; {@code ' '}, {@code ':'} and
 * {@code '/'} as {@code '-'}; {@code '.'} and the like as {@code '_'}), which the collector's archive
 * sanitizes again to the same name, and finds the attempt after it in {@code log.file.path}.
 *
 * <p>An attempt is told from the app id by shape: YARN ids have underscores of their own ({@code
 * application_1700000000000_0001}), every other id Spark makes has none ({@code local-...}, {@code
 * app-...-0001}, {@code spark-<hex>} on Kubernetes), so what follows the id's last part after an
 * underscore is the attempt.
 */
public final class SparkEventLogNames {

  private static final Pattern SUFFIXES = Pattern.compile("(?:\\.(?:lz4|lzf|snappy|zstd))?(?:\\.inprogress)?$");
  private static final Pattern YARN = Pattern.compile("(application_\\d+_\\d+)(?:_[A-Za-z0-9]+)?");
  private static final Pattern WITH_ATTEMPT = Pattern.compile("([^_]+)_[A-Za-z0-9]+");
  private static final Pattern ROLLING_DIRECTORY = Pattern.compile("eventlog_v2_(.+)");

  private SparkEventLogNames() {}

  /** The app id {@code path} names, or null for a name that holds none (empty). */
  public static String appId(Path path) {
    Path file = path.getFileName();
    if (file == null) {
      return null;
    }
    String name = file.toString();
    Path parent = path.getParent();
    if (parent != null && parent.getFileName() != null) {
      Matcher rolling = ROLLING_DIRECTORY.matcher(parent.getFileName().toString());
      if (rolling.matches()) {
        name = rolling.group(1); // events_<n>_<name> repeats it
      }
    }
    name = SUFFIXES.matcher(name).replaceFirst("");
    if (name.isEmpty()) {
      return null;
    }
    Matcher yarn = YARN.matcher(name);
    if (yarn.matches()) {
      return yarn.group(1);
    }
    Matcher attempt = WITH_ATTEMPT.matcher(name);
    return attempt.matches() ? attempt.group(1) : name;
  }
}
