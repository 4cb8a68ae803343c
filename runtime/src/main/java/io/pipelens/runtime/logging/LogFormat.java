package io.pipelens.runtime.logging;

import java.util.Locale;

/** How log lines look on standard output. */
public enum LogFormat {
  /** For people: {@code 2026-11-28T10:00:00.123Z INFO  [thread] logger - message}, then any stack trace. */
  TEXT,
  /** For log pipelines: one JSON object per line with ECS-style field names; see {@link JsonLayout}. */
  JSON;

  /**
   * Parses {@code text} or {@code json}, ignoring case.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static LogFormat parse(String value) {
    if (value != null) {
      for (LogFormat format : values()) {
        if (format.name().equalsIgnoreCase(value.trim())) {
          return format;
        }
      }
    }
    throw new IllegalArgumentException("Invalid value " + (value == null ? "null" : "\"" + value + "\"")
        + " for log format: must be one of text, json");
  }

  /** The lower-case name used in configuration files and on the command line. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
