package io.pipelens.history.listing;

import io.pipelens.history.source.LogFingerprint;
import java.util.Objects;

/**
 * What the listing read from one log, kept across restarts: when the log still has this
 * fingerprint at the first scan, {@link ListingRefresher} lists the attempt without reading it.
 *
 * @param logKey the log's {@link io.pipelens.history.source.EventLog#key()}
 * @param fingerprint the log as it was read
 * @param attempt what was read from it
 */
public record RememberedAttempt(String logKey, LogFingerprint fingerprint, AttemptSummary attempt) {

  /** Checks that nothing is missing. */
  public RememberedAttempt {
    Objects.requireNonNull(logKey, "logKey");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(attempt, "attempt");
  }
}
