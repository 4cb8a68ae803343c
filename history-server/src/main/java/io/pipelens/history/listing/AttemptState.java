package io.pipelens.history.listing;

/** Whether an attempt finished, is still being written, or was left behind by a dead driver. */
public enum AttemptState {
  /** Its log holds {@code SparkListenerApplicationEnd}. */
  COMPLETED,
  /** Its log has no end event and grew recently. */
  RUNNING,
  /**
   * Its log has no end event and has not changed for longer than the configured time: the driver
   * most likely died, leaving the {@code .inprogress} log forever. Shown as {@code incomplete
   * (abandoned)}, no longer as running. A log that grows again is running again.
   */
  ABANDONED
}
