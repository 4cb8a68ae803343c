package io.pipelens.history.source;

/** How Spark wrote an event log. */
public enum LogLayout {
  /** One file, {@code <appId>[_<attemptId>][.<codec>][.inprogress]}. */
  SINGLE_FILE,
  /**
   * A directory {@code eventlog_v2_<appId>[_<attemptId>]} of {@code events_<n>_...} files plus an
   * {@code appstatus_...[.inprogress]} marker ({@code spark.eventLog.rolling.enabled}).
   */
  ROLLING
}
