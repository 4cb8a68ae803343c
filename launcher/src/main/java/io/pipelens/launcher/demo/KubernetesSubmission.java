package io.pipelens.launcher.demo;

/**
 * What {@code spark-submit --master k8s://...} records of a job in its event log: the namespace
 * and the driver pod's labels, as Spark properties of the environment update ({@code
 * spark.kubernetes.namespace}, {@code spark.kubernetes.driver.label.<label>}). The fleet's logs
 * come from Spark's test resources, which ran elsewhere; this gives them the properties their pods'
 * labels imply, so the history server shows the team, priority and namespace the agent stamps on
 * their log lines.
 */
final class KubernetesSubmission {

  private static final String ENVIRONMENT_UPDATE = "{\"Event\":\"SparkListenerEnvironmentUpdate\"";
  private static final String PROPERTIES = "\"Spark Properties\":{";

  private final String properties;

  KubernetesSubmission(Team team) {
    this.properties = property("spark.kubernetes.namespace", team.name())
        + "," + property("spark.kubernetes.driver.label." + Team.TEAM_LABEL, team.name())
        + "," + property("spark.kubernetes.driver.label." + Team.PRIORITY_LABEL, team.priority());
  }

  /**
   * {@code line} with the submission's properties first among the Spark properties when it is an
   * environment update that has them; any other line as it is.
   */
  String apply(String line) {
    if (!line.startsWith(ENVIRONMENT_UPDATE)) {
      return line;
    }
    int at = line.indexOf(PROPERTIES);
    if (at < 0) {
      return line;
    }
    int after = at + PROPERTIES.length();
    boolean empty = after < line.length() && line.charAt(after) == '}';
    return line.substring(0, after) + properties + (empty ? "" : ",") + line.substring(after);
  }

  // Team names and priorities are the fleet's own plain words: nothing to escape.
  private static String property(String key, String value) {
    return "\"" + key + "\":\"" + value + "\"";
  }
}
