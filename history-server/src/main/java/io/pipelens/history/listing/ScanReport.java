package io.pipelens.history.listing;

import io.pipelens.history.source.SkipReason;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link ListingRefresher#refresh()} did.
 *
 * @param logs event logs found across all stores (listed or not)
 * @param logsRead logs read in this scan because they were new or changed
 * @param applications applications in the published listing
 * @param skipped entries not listed, by reason, as of this scan (a gauge, not an increment)
 * @param parseErrors lines skipped in the logs read in this scan (an increment)
 * @param bytesRead bytes read in this scan
 * @param failedStores locations of stores that could not be listed; their previous entries are kept
 * @param duration wall time of the scan
 */
public record ScanReport(
    int logs,
    int logsRead,
    int applications,
    Map<SkipReason, Integer> skipped,
    ParseStats parseErrors,
    long bytesRead,
    List<String> failedStores,
    Duration duration) {

  /** Copies the collections. */
  public ScanReport {
    Map<SkipReason, Integer> copy = new EnumMap<>(SkipReason.class);
    copy.putAll(skipped);
    skipped = Collections.unmodifiableMap(copy);
    failedStores = List.copyOf(failedStores);
  }

  /** Entries skipped for {@code reason} (0 if none). */
  public int skipped(SkipReason reason) {
    return skipped.getOrDefault(reason, 0);
  }
}
