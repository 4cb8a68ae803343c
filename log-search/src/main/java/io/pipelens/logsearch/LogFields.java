package io.pipelens.logsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Field names of the collector's documents (docs/collector-schema.md) that queries use. */
public final class LogFields {

  /** The document id, equal to {@code event.id}. Lucene's field; Elasticsearch's {@code _id}. */
  public static final String ID = "_id";
  /** The stored JSON document in Lucene. */
  public static final String SOURCE = "_source";
  public static final String TIMESTAMP = "@timestamp";
  /** Where the line was in its file: lines of one file with the same time sort by it. */
  public static final String OFFSET = "log.offset";
  /**
   * Lucene's doc values of {@link #OFFSET}, for sorting. A field of its own: indexes written before
   * it have {@code log.offset} as a point only, and Lucene does not let a field gain doc values.
   */
  public static final String OFFSET_SORT = "_offset";
  /** The sort value of a document without {@code log.offset} (a record that came from no file). */
  public static final long NO_OFFSET = -1;
  public static final String MESSAGE = "message";
  public static final String EVENT_ID = "event.id";
  public static final String LEVEL = "log.level";
  public static final String SPARK_APP_ID = "spark.app_id";
  public static final String SPARK_EXECUTOR_ID = "spark.executor_id";
  public static final String POD = "kubernetes.pod.name";
  public static final String NAMESPACE = "kubernetes.namespace";
  public static final String CONTAINER = "kubernetes.container.name";

  /** Every field the index template maps as {@code keyword}. */
  public static final List<String> KEYWORDS = List.of(
      LEVEL, "log.logger", "log.file.path", NAMESPACE, POD, "kubernetes.pod.uid",
      CONTAINER, "kubernetes.node.name", SPARK_APP_ID, SPARK_EXECUTOR_ID,
      "ray.job_id", "ray.node_id", "pipelens.stream", "pipelens.compute_type", "pipelens.team",
      "pipelens.priority", "trace.id", "span.id", EVENT_ID);

  /** Reads and writes documents. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private LogFields() {}
}
