package io.pipelens.collector.normalize;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import java.util.Locale;

/**
 * The data stream a normalized record is indexed into: {@code <prefix>-<stream>.<engine>-<namespace>},
 * following Elasticsearch's {@code type-dataset-namespace} scheme: a Spark driver's log in the
 * Kubernetes namespace {@code data-prep} goes to {@code logs-engine.spark-data_prep} ({@code -} is
 * not allowed in a namespace, see {@link #namespace}).
 *
 * <ul>
 *   <li>stream: {@code pipelens.stream} ({@code event}, {@code engine} or {@code business});
 *   <li>engine: {@code spark} when {@code spark.app.id} is present, else {@code ray} when {@code
 *       ray.job.id} or {@code ray.node.id} is, else {@code generic};
 *   <li>namespace: the Kubernetes namespace, made a valid data stream namespace, or {@code
 *       default}.
 * </ul>
 */
public final class DataStreamName {

  /** The namespace of records without a Kubernetes namespace. */
  public static final String DEFAULT_NAMESPACE = "default";

  // Elasticsearch allows 100 bytes for the namespace part of a data stream name.
  private static final int MAX_NAMESPACE_LENGTH = 100;

  private DataStreamName() {}

  /** The data stream for {@code record}, which {@link RecordNormalizer} has normalized. */
  public static String of(String prefix, LogRecord record) {
    String stream = RecordFields.string(record, AttributeNames.PIPELENS_STREAM);
    return prefix + "-" + (stream == null ? "business" : stream) + "." + engine(record) + "-"
        + namespace(RecordFields.string(record, AttributeNames.K8S_NAMESPACE_NAME));
  }

  /** {@code spark}, {@code ray} or {@code generic}. */
  public static String engine(LogRecord record) {
    if (RecordFields.has(record, AttributeNames.SPARK_APP_ID)) {
      return "spark";
    }
    if (RecordFields.has(record, AttributeNames.RAY_JOB_ID) || RecordFields.has(record, AttributeNames.RAY_NODE_ID)) {
      return "ray";
    }
    return "generic";
  }

  /**
   * A Kubernetes namespace as a data stream namespace: lower case, every character Elasticsearch
   * forbids there ({@code - \ / * ? " < > | , # :} and blanks) replaced by {@code _}, at most 100
   * characters; {@value #DEFAULT_NAMESPACE} when null or blank. Kubernetes namespaces are already
   * lower case, so in practice only {@code -} changes.
   */
  public static String namespace(String kubernetesNamespace) {
    if (kubernetesNamespace == null || kubernetesNamespace.isBlank()) {
      return DEFAULT_NAMESPACE;
    }
    String lower = kubernetesNamespace.strip().toLowerCase(Locale.ROOT);
    StringBuilder name = new StringBuilder(Math.min(lower.length(), MAX_NAMESPACE_LENGTH));
    for (int i = 0; i < lower.length() && name.length() < MAX_NAMESPACE_LENGTH; i++) {
      char c = lower.charAt(i);
      name.append("-\\/*?\"<>|,#: \t".indexOf(c) >= 0 || Character.isWhitespace(c) ? '_' : c);
    }
    return name.toString();
  }
}
