package io.pipelens.history.listing;

/**
 * What one event log line means for the listing. Only a few Spark events matter; every other line
 * is {@link Other}, and a line that is not a well-formed event is {@link Malformed}.
 */
sealed interface ListingEvent {

  /** {@code SparkListenerLogStart}: the first line of logs written by Spark 1.3 and later. */
  record LogStart(String sparkVersion) implements ListingEvent {}

  /**
   * {@code SparkListenerApplicationStart}.
   *
   * @param appName {@code App Name}, null when absent
   * @param appId {@code App ID}, null when absent (Spark then lists nothing for the log)
   * @param timestamp {@code Timestamp}, epoch milliseconds
   * @param user {@code User}, null when absent
   * @param attemptId {@code App Attempt ID}, null for single-attempt deployments
   */
  record ApplicationStart(
      String appName, String appId, long timestamp, String user, String attemptId)
      implements ListingEvent {}

  /** {@code SparkListenerApplicationEnd}; {@code exitCode} null when absent (before Spark 4). */
  record ApplicationEnd(long timestamp, Integer exitCode) implements ListingEvent {
    ApplicationEnd(long timestamp) {
      this(timestamp, null);
    }
  }

  /** {@code SparkListenerEnvironmentUpdate}: the Spark properties {@link AttemptLabels} reads. */
  record Environment(java.util.Map<String, String> properties) implements ListingEvent {}

  /** {@code SparkListenerJobEnd}. */
  record JobEnd(boolean failed) implements ListingEvent {}

  /** {@code SparkListenerTaskEnd}, read only up to its end reason. */
  record TaskEnd(boolean failed) implements ListingEvent {}

  /** Any other event; its fields were not read. */
  record Other() implements ListingEvent {}

  /** Not a JSON object with a usable {@code Event}, or an event lacking a required field. */
  record Malformed(String why) implements ListingEvent {}

  /** The shared {@link Other} instance. */
  ListingEvent OTHER = new Other();
}
