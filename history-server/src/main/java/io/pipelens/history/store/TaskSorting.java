package io.pipelens.history.store;

import java.util.Locale;
import java.util.Optional;

/** Spark's {@code TaskSorting}: the orders {@code taskList} offers, with its short names. */
public enum TaskSorting {
  /** By task id. */
  ID,
  /** By executor run time, shortest first; tasks without metrics or that failed come first. */
  INCREASING_RUNTIME,
  /** By executor run time, longest first. */
  DECREASING_RUNTIME;

  /** Parses an enum name (any case) or a short name ({@code runtime}, {@code -runtime}). */
  public static Optional<TaskSorting> parse(String value) {
    switch (value) {
      case "runtime":
        return Optional.of(INCREASING_RUNTIME);
      case "-runtime":
        return Optional.of(DECREASING_RUNTIME);
      default:
        try {
          return Optional.of(valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
    }
  }
}
