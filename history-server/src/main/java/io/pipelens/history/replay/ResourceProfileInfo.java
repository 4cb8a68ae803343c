package io.pipelens.history.replay;

import java.util.Map;

/** A {@code SparkListenerResourceProfileAdded}: Spark's {@code ResourceProfileInfo}. */
public record ResourceProfileInfo(
    int id,
    Map<String, ExecutorResourceRequest> executorResources,
    Map<String, TaskResourceRequest> taskResources) {

  /** One executor resource request. */
  public record ExecutorResourceRequest(
      String resourceName, long amount, String discoveryScript, String vendor) {}

  /** One task resource request. */
  public record TaskResourceRequest(String resourceName, double amount) {}
}
