package io.pipelens.history.listing;

import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogStore;

/**
 * A listed event log and the store to read it from, as the last scan saw it.
 *
 * @param store where the log's files are
 * @param log the files and their sizes at the last scan
 */
public record LocatedLog(EventLogStore store, EventLog log) {}
