package io.pipelens.history.listing;

import java.util.Objects;

/**
 * One application attempt as the listing knows it: Spark's {@code ApplicationAttemptInfo} plus the
 * application id and name it belongs to and the log it came from.
 *
 * @param appId {@code App ID} of {@code SparkListenerApplicationStart}
 * @param appName {@code App Name}; null when the log has none
 * @param attemptId {@code App Attempt ID}; null when the deployment has no attempts (local,
 *     standalone, Kubernetes client mode)
 * @param startTime epoch milliseconds of the application start
 * @param endTime epoch milliseconds of the application end; -1 while not completed, as in Spark
 * @param lastUpdated epoch milliseconds the log last changed (its newest file's modification time)
 * @param duration {@code endTime - startTime} once completed; 0 before, as in Spark
 * @param sparkUser {@code User}; null when the log has none
 * @param completed whether the log is finished and holds {@code SparkListenerApplicationEnd}
 * @param appSparkVersion the {@code SparkListenerLogStart} version; {@code ""} for logs older than
 *     Spark 1.3, which have none
 * @param logKey the {@link io.pipelens.history.source.EventLog#key()} of the log
 * @param labels team, priority and namespace from the Spark properties
 * @param health failed tasks and jobs and the exit code, as far as the listing read them
 * @param acls who may see the attempt besides its owner, by its Spark properties
 */
public record AttemptSummary(
    String appId,
    String appName,
    String attemptId,
    long startTime,
    long endTime,
    long lastUpdated,
    long duration,
    String sparkUser,
    boolean completed,
    String appSparkVersion,
    String logKey,
    AttemptLabels labels,
    AttemptHealth health,
    AttemptAcls acls) {

  /** Checks the fields Spark never leaves empty. */
  public AttemptSummary {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(appSparkVersion, "appSparkVersion");
    Objects.requireNonNull(logKey, "logKey");
    labels = labels == null ? AttemptLabels.NONE : labels;
    health = health == null ? AttemptHealth.UNKNOWN : health;
    acls = acls == null ? AttemptAcls.NONE : acls;
  }

  /** An attempt without ACLs. */
  public AttemptSummary(
      String appId,
      String appName,
      String attemptId,
      long startTime,
      long endTime,
      long lastUpdated,
      long duration,
      String sparkUser,
      boolean completed,
      String appSparkVersion,
      String logKey,
      AttemptLabels labels,
      AttemptHealth health) {
    this(appId, appName, attemptId, startTime, endTime, lastUpdated, duration, sparkUser, completed,
        appSparkVersion, logKey, labels, health, null);
  }

  /** An attempt without labels and with unknown health. */
  public AttemptSummary(
      String appId,
      String appName,
      String attemptId,
      long startTime,
      long endTime,
      long lastUpdated,
      long duration,
      String sparkUser,
      boolean completed,
      String appSparkVersion,
      String logKey) {
    this(appId, appName, attemptId, startTime, endTime, lastUpdated, duration, sparkUser, completed,
        appSparkVersion, logKey, null, null, null);
  }
}
