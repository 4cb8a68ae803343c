package io.pipelens.history.listing;

import java.util.Optional;

/**
 * The outcome of reading one event log for the listing.
 *
 * @param attempt the attempt, or empty when the log has no {@code SparkListenerApplicationStart}
 *     with an {@code App ID} (yet)
 * @param parseErrors lines skipped while reading
 * @param bytesRead bytes read from the store, to show that only head and tail were touched
 */
public record AttemptRead(
    Optional<AttemptSummary> attempt, ParseStats parseErrors, long bytesRead) {}
