package io.pipelens.history.listing;

import java.util.Optional;

/**
 * Finds the log behind a listed attempt, so that a replay reads exactly the files the listing knows
 * of and no request path is ever turned into a file name.
 */
@FunctionalInterface
public interface EventLogLocator {

  /** The log with this {@link io.pipelens.history.source.EventLog#key()}, if listed. */
  Optional<LocatedLog> locate(String logKey);
}
