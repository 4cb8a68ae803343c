package io.pipelens.history.replay;

/**
 * A finished replay: the model and what reading the log cost.
 *
 * @param state the replayed model
 * @param stats what this replay (or resume) read
 * @param progress where to {@linkplain EventLogReplayer#resume resume} when the log grows; null
 *     when it cannot be resumed (finished or compressed logs)
 */
public record ReplayResult(AppState state, ReplayStats stats, ReplayProgress progress) {

  /** A result that cannot be resumed. */
  public ReplayResult(AppState state, ReplayStats stats) {
    this(state, stats, null);
  }
}
