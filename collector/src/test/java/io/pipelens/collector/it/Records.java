package io.pipelens.collector.it;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import java.time.Instant;

/** Records as the agent writes them. */
final class Records {

  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");

  private Records() {}

  static Resource sparkDriver(String namespace, String podUid) {
    return Resource.of(Attributes.builder()
        .put(AttributeNames.K8S_NAMESPACE_NAME, namespace)
        .put(AttributeNames.K8S_POD_NAME, "job-1-driver")
        .put(AttributeNames.K8S_POD_UID, podUid)
        .put(AttributeNames.K8S_CONTAINER_NAME, "spark-kubernetes-driver")
        .put(AttributeNames.K8S_NODE_NAME, "node-7")
        .put(AttributeNames.SPARK_APP_ID, "spark-0001")
        .put(AttributeNames.SPARK_EXECUTOR_ID, "driver")
        .put(AttributeNames.PIPELENS_TEAM, "data-prep")
        .put(AttributeNames.PIPELENS_PRIORITY, "high")
        .put("cloud.region", "eu-1")
        .build());
  }

  /** An engine log line at {@code offset} of the driver's log file. */
  static LogRecord engineLine(Resource resource, long offset, String message) {
    return LogRecord.builder()
        .timestamp(T0.plusMillis(offset))
        .observedTimestamp(T0.plusSeconds(1))
        .severity(Severity.WARN)
        .severityText("WARN")
        .body(message)
        .resource(resource)
        .attributes(Attributes.builder()
            .put(AttributeNames.PIPELENS_STREAM, "engine")
            .put(AttributeNames.LOG_FILE_PATH, "/var/log/pods/job-1-driver/spark.log")
            .put(AttributeNames.LOG_OFFSET, offset)
            .put("thread", "main")
            .build())
        .build();
  }
}
