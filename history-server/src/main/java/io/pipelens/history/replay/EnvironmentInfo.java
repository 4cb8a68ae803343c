package io.pipelens.history.replay;

import java.util.List;
import java.util.Map;

/**
 * The first {@code SparkListenerEnvironmentUpdate}: each section as name/value pairs sorted by
 * name, as Spark's {@code ApplicationEnvironmentInfo} lists them.
 */
public record EnvironmentInfo(
    String javaVersion,
    String javaHome,
    String scalaVersion,
    List<Map.Entry<String, String>> sparkProperties,
    List<Map.Entry<String, String>> hadoopProperties,
    List<Map.Entry<String, String>> systemProperties,
    List<Map.Entry<String, String>> metricsProperties,
    List<Map.Entry<String, String>> classpathEntries) {

  /** Before any environment event: empty sections. */
  public static final EnvironmentInfo EMPTY =
      new EnvironmentInfo("", "", "", List.of(), List.of(), List.of(), List.of(), List.of());
}
