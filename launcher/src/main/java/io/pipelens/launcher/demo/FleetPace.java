package io.pipelens.launcher.demo;

import java.time.Duration;

/**
 * How fast the fleet's live part moves.
 *
 * @param runningAppLine the pause between two lines of the running application's event log
 * @param rayBatch the pause between two log lines of the live Ray job
 * @param maxRayLiveBytes the live Ray worker's log stops growing at this size
 */
public record FleetPace(Duration runningAppLine, Duration rayBatch, long maxRayLiveBytes) {

  /** A line of the running application every 5 s, a Ray line every 2 s, Ray's log up to 2 MiB. */
  public static FleetPace standard() {
    return new FleetPace(Duration.ofSeconds(5), Duration.ofSeconds(2), 2L << 20);
  }
}
