package io.pipelens.history.source;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one pass of {@link EventLogDiscovery} over a store found.
 *
 * @param logs the readable event logs
 * @param skipped how many directory entries were passed over, by reason (absent reasons: none)
 */
public record DiscoveryResult(List<EventLog> logs, Map<SkipReason, Integer> skipped) {

  /** Copies both collections so the result is immutable. */
  public DiscoveryResult {
    logs = List.copyOf(logs);
    Map<SkipReason, Integer> copy = new EnumMap<>(SkipReason.class);
    copy.putAll(skipped);
    skipped = Collections.unmodifiableMap(copy);
  }
}
