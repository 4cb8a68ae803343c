package io.pipelens.core.record;

/**
 * Every attribute key pipelens writes or reads, in one place. Each key says where it lives:
 *
 * <ul>
 *   <li><b>resource</b> attributes describe the source and are the same for every record from it;
 *       they go in {@link Resource#attributes()}, which the wire format writes once per batch;
 *   <li><b>record</b> attributes can differ from one record to the next; they go in {@link
 *       LogRecord#attributes()}.
 * </ul>
 *
 * <p>The {@code k8s.*} and {@code log.file.path} keys are OpenTelemetry semantic conventions, so
 * OpenTelemetry tools understand them; the others are pipelens' own. Values are strings unless a
 * key says otherwise.
 */
public final class AttributeNames {

  // --- Kubernetes (OpenTelemetry semantic conventions), resource attributes ---

  /** Resource. The namespace of the pod, such as {@code "data-prep"}. */
  public static final String K8S_NAMESPACE_NAME = "k8s.namespace.name";

  /** Resource. The name of the pod. */
  public static final String K8S_POD_NAME = "k8s.pod.name";

  /** Resource. The UID of the pod: unlike its name, never reused by a later pod. */
  public static final String K8S_POD_UID = "k8s.pod.uid";

  /** Resource. The name of the container within the pod, as in the pod spec. */
  public static final String K8S_CONTAINER_NAME = "k8s.container.name";

  /** Resource. The name of the node the pod runs on. */
  public static final String K8S_NODE_NAME = "k8s.node.name";

  // --- pipelens ---

  /**
   * Record. Which stream the record belongs to: {@code "event"}, {@code "engine"} or {@code
   * "business"} (see {@link Stream#wireName()}). A record attribute because one container writes
   * several streams (its engine log and its job's own log, for example).
   */
  public static final String PIPELENS_STREAM = "pipelens.stream";

  /**
   * Resource. Whether the job runs on {@code "fixed"} or {@code "serverless"} compute (see {@link
   * ComputeType#wireName()}).
   */
  public static final String PIPELENS_COMPUTE_TYPE = "pipelens.compute.type";

  /** Resource. The team that owns the job, from the pod's labels or the OTLP token it sent with. */
  public static final String PIPELENS_TEAM = "pipelens.team";

  /**
   * Resource. The job's priority as its pod label gives it, such as {@code "high"}; a string, since
   * labels are. Dashboards and alerts split by it.
   */
  public static final String PIPELENS_PRIORITY = "pipelens.priority";

  // --- Spark ---

  /**
   * Resource. The Spark application id ({@code spark.app.id}), same on the driver and executors.
   */
  public static final String SPARK_APP_ID = "spark.app.id";

  /** Resource. The Spark executor id: {@code "driver"} on the driver pod, a number on executors. */
  public static final String SPARK_EXECUTOR_ID = "spark.executor.id";

  // --- Ray ---

  /**
   * Record. The Ray job id. A record attribute because one Ray worker pod serves the jobs of a
   * long-lived cluster one after another, and the agent tells them apart by log file.
   */
  public static final String RAY_JOB_ID = "ray.job.id";

  /** Resource. The Ray node id of the pod (one Ray node per pod). */
  public static final String RAY_NODE_ID = "ray.node.id";

  // --- Where the agent read the record ---

  /**
   * Record. {@code "stdout"} or {@code "stderr"}: which stream a container wrote the record to, as
   * its container runtime recorded it (semantic convention).
   */
  public static final String LOG_IOSTREAM = "log.iostream";

  /** Record. The absolute path of the file the agent read the record from (semantic convention). */
  public static final String LOG_FILE_PATH = "log.file.path";

  /**
   * Record. An integer: the byte offset in {@link #LOG_FILE_PATH} where the record starts. With the
   * path (and pod UID) it identifies a record, so a replay after a restart can be de-duplicated.
   */
  public static final String LOG_OFFSET = "log.offset";

  /**
   * Record. A boolean, present and {@code true} only when the agent cut the record at its maximum
   * record size; the body then holds the start of the record.
   */
  public static final String LOG_TRUNCATED = "log.truncated";

  // Set by the agent's parsers and pod-label enrichment.

  /** Record. The logger that wrote the line, as the log shows it ({@code SparkContext}). */
  public static final String LOG_LOGGER = "log.logger";

  /** Record. The class of the exception a structured log line carries (semantic convention). */
  public static final String EXCEPTION_TYPE = "exception.type";

  /** Record. The source file that wrote the line, as the log shows it (semantic convention). */
  public static final String CODE_FILE_PATH = "code.file.path";

  /** Record. An integer: the line in {@link #CODE_FILE_PATH} (semantic convention). */
  public static final String CODE_LINE_NUMBER = "code.line.number";

  /** Record. An integer: the process id the line shows (Ray's C++ logs). */
  public static final String PROCESS_PID = "process.pid";

  /** Record. An integer: the thread id the line shows (Ray's C++ logs; semantic convention). */
  public static final String THREAD_ID = "thread.id";

  /** Record. The Ray component that wrote a C++ log line: {@code raylet}, {@code gcs_server}. */
  public static final String RAY_COMPONENT = "ray.component";

  /** Resource. {@code driver} or {@code executor}, from the pod label {@code spark-role}. */
  public static final String SPARK_ROLE = "spark.role";

  /** Resource. The Ray cluster's name, from the pod label {@code ray.io/cluster}. */
  public static final String RAY_CLUSTER_NAME = "ray.cluster.name";

  /** Resource. {@code head} or {@code worker}, from the pod label {@code ray.io/node-type}. */
  public static final String RAY_NODE_TYPE = "ray.node.type";

  private AttributeNames() {}
}
