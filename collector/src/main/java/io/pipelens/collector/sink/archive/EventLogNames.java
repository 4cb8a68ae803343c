package io.pipelens.collector.sink.archive;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's rolling event-log names ({@code EventLogFileWriters.scala}): directory {@code
 * eventlog_v2_<name>}, files {@code events_<n>_<name>.zstd} and {@code appstatus_<name>[.inprogress]},
 * where name is the sanitized app id, with {@code _<attemptId>} when there is an attempt.
 */
final class EventLogNames {

  static final String CODEC = "zstd";
  private static final Pattern EVENTS_FILE = Pattern.compile("events_(\\d+)_.*");

  private EventLogNames() {}

  /** Spark's {@code Utils.sanitizeDirName}. */
  static String sanitize(String appId) {
    return appId.replaceAll("[ :/]", "-").replaceAll("[.${}'\"]", "_").toLowerCase(Locale.ROOT);
  }

  /**
   * The name of an app's log: the sanitized app id, plus {@code _<attempt>} when the file the agent
   * read ({@code log.file.path}, Spark's own log name) carries one after the app id.
   */
  static String name(String appId, String sourcePath) {
    String base = sanitize(appId);
    if (sourcePath != null) {
      Matcher attempt = Pattern.compile(Pattern.quote(base) + "_([A-Za-z0-9]+)(?=$|[./])").matcher(sourcePath);
      if (attempt.find()) {
        return base + "_" + attempt.group(1);
      }
    }
    return base;
  }

  static String directory(String name) {
    return "eventlog_v2_" + name;
  }

  static String eventsFile(String name, int index) {
    return directory(name) + "/events_" + index + "_" + name + "." + CODEC;
  }

  static String status(String name, boolean inProgress) {
    return directory(name) + "/appstatus_" + name + (inProgress ? ".inprogress" : "");
  }

  /** The index of an {@code events_<n>_...} file name, or -1. */
  static int index(String fileName) {
    Matcher m = EVENTS_FILE.matcher(fileName);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }
}
