package io.pipelens.history.listing;

/**
 * How an attempt went, as far as the listing read it.
 *
 * <p>The counts are exact when the listing read every line of the log, which it does for a
 * finished log that is compressed (decoded whole anyway for its end event) or that ends within one
 * tail window ({@code 1 MiB}) of its application start; for a larger uncompressed log, and for a
 * running one, they are unknown ({@code -1}) until a replay tells.
 *
 * @param failedTasks tasks that ended in failure (any end reason but {@code Success}, {@code
 *     TaskKilled}, {@code TaskCommitDenied} and {@code Resubmitted}, as Spark counts them); -1 unknown
 * @param failedJobs jobs that ended {@code JobFailed}; -1 unknown
 * @param exitCode the {@code ExitCode} of {@code SparkListenerApplicationEnd} (Spark 4 writes it);
 *     null when absent
 */
public record AttemptHealth(long failedTasks, long failedJobs, Integer exitCode) {

  /** Nothing known. */
  public static final AttemptHealth UNKNOWN = new AttemptHealth(-1, -1, null);

  /** Whether the counts come from reading every line. */
  public boolean countsKnown() {
    return failedTasks >= 0 && failedJobs >= 0;
  }

  /** Whether the attempt is known to have failed: a non-zero exit code or a failed job. */
  public boolean failed() {
    return (exitCode != null && exitCode != 0) || failedJobs > 0;
  }
}
