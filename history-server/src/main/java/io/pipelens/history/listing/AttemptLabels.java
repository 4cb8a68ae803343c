package io.pipelens.history.listing;

import java.util.Map;

/**
 * Who an attempt belongs to, from the Spark properties of its first {@code
 * SparkListenerEnvironmentUpdate}, which Spark writes before the application start, so the
 * listing's head read already passes it. The first key present wins:
 *
 * <ul>
 *   <li>team: {@code spark.kubernetes.driver.label.pipelens.io/team} (the pod label the agent
 *       reads by default, as {@code spark-submit --conf} sets it), {@code
 *       spark.kubernetes.driver.label.team}, {@code spark.pipelens.team}, {@code pipelens.team}
 *   <li>priority: {@code spark.kubernetes.driver.label.pipelens.io/priority}, {@code
 *       spark.kubernetes.driver.label.priority}, {@code spark.pipelens.priority}, {@code
 *       pipelens.priority}
 *   <li>namespace: {@code spark.kubernetes.namespace}
 * </ul>
 *
 * @param team null when no key is set
 * @param priority null when no key is set
 * @param namespace null when not set (not a Kubernetes application)
 */
public record AttemptLabels(String team, String priority, String namespace) {

  /** No labels: a log without these properties, or one the listing has not read to them. */
  public static final AttemptLabels NONE = new AttemptLabels(null, null, null);

  static final String[] TEAM_KEYS = {
    "spark.kubernetes.driver.label.pipelens.io/team",
    "spark.kubernetes.driver.label.team",
    "spark.pipelens.team",
    "pipelens.team"
  };
  static final String[] PRIORITY_KEYS = {
    "spark.kubernetes.driver.label.pipelens.io/priority",
    "spark.kubernetes.driver.label.priority",
    "spark.pipelens.priority",
    "pipelens.priority"
  };
  static final String NAMESPACE_KEY = "spark.kubernetes.namespace";

  /** Whether the listing keeps {@code key} of the Spark properties. */
  static boolean wanted(String key) {
    if (key.equals(NAMESPACE_KEY)) {
      return true;
    }
    for (String k : TEAM_KEYS) {
      if (k.equals(key)) {
        return true;
      }
    }
    for (String k : PRIORITY_KEYS) {
      if (k.equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The labels in {@code properties} (only {@link #wanted} keys need be there). */
  static AttemptLabels of(Map<String, String> properties) {
    return new AttemptLabels(
        first(properties, TEAM_KEYS), first(properties, PRIORITY_KEYS), properties.get(NAMESPACE_KEY));
  }

  private static String first(Map<String, String> properties, String[] keys) {
    for (String key : keys) {
      String value = properties.get(key);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
