package io.pipelens.agent.process.enrich;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.ComputeType;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Stream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the resource of a file's records from four sources; a later one wins over an earlier one:
 *
 * <ol>
 *   <li>configuration: {@code pipelens.compute.type} (or, when not configured, what the node's
 *       labels say, {@link PodMetadata#detectedComputeType}), {@code team}, {@code priority} and the extra
 *       {@code attributes};
 *   <li>the downward-API environment of the agent's pod: {@code NODE_NAME} always; {@code
 *       POD_NAMESPACE}, {@code POD_NAME}, {@code POD_UID} and {@code CONTAINER_NAME} only for
 *       files whose path names no pod, which is the sidecar case (a DaemonSet's own pod is never
 *       the pod of the files it reads under {@code /var/log/pods});
 *   <li>the path: namespace, pod, UID and container of {@code /var/log/pods/...} and {@code
 *       /var/log/containers/...} files, and for Spark event logs the application id their name
 *       gives;
 *   <li>the pod's labels, looked up by UID: {@code spark-app-selector} to {@code spark.app.id},
 *       {@code spark-role} to {@code spark.role}, {@code spark-exec-id} to {@code
 *       spark.executor.id} ({@code driver} on the driver), {@code ray.io/cluster} to {@code
 *       ray.cluster.name}, {@code ray.io/node-type} to {@code ray.node.type}, and the configured
 *       team and priority labels to {@code pipelens.team} and {@code pipelens.priority}.
 * </ol>
 *
 * Thread-safe; each file's {@link FileResource} is used by one thread at a time.
 */
public final class ResourceEnricher {

  static final String LABEL_SPARK_APP = "spark-app-selector";
  static final String LABEL_SPARK_ROLE = "spark-role";
  static final String LABEL_SPARK_EXEC_ID = "spark-exec-id";
  static final String LABEL_RAY_CLUSTER = "ray.io/cluster";
  static final String LABEL_RAY_NODE_TYPE = "ray.io/node-type";

  private final EnrichmentConfig config;
  private final Map<String, String> env;
  private final PodMetadata pods;

  /**
   * @param env the agent's environment, {@link System#getenv()} in production
   * @param pods pod labels by UID; {@link PodMetadata#none()} when there is no watch
   */
  public ResourceEnricher(EnrichmentConfig config, Map<String, String> env, PodMetadata pods) {
    this.config = Objects.requireNonNull(config, "config");
    this.env = Map.copyOf(env);
    this.pods = Objects.requireNonNull(pods, "pods");
  }

  /** The resource of a file's records, kept up to date with its pod's labels. */
  public FileResource forFile(Path path) {
    return forFile(path, Stream.ENGINE);
  }

  /**
   * The resource of the records of a file of {@code stream}. A Spark event log ({@code event})
   * also gets {@code spark.app.id} from its file name (see {@link SparkEventLogFiles}), which its
   * pod's label, when there is one, overrides.
   */
  public FileResource forFile(Path path, Stream stream) {
    PodPath pod = PodPath.parse(path);
    Attributes.Builder base = Attributes.builder();
    base.put(AttributeNames.PIPELENS_COMPUTE_TYPE, computeType().wireName());
    putIfPresent(base, AttributeNames.PIPELENS_TEAM, config.team());
    putIfPresent(base, AttributeNames.PIPELENS_PRIORITY, config.priority());
    config.attributes().forEach(base::put);
    putIfPresent(base, AttributeNames.K8S_NODE_NAME, env.get("NODE_NAME"));
    String uid;
    if (pod.pod() == null) {
      putIfPresent(base, AttributeNames.K8S_NAMESPACE_NAME, env.get("POD_NAMESPACE"));
      putIfPresent(base, AttributeNames.K8S_POD_NAME, env.get("POD_NAME"));
      putIfPresent(base, AttributeNames.K8S_POD_UID, env.get("POD_UID"));
      putIfPresent(base, AttributeNames.K8S_CONTAINER_NAME, env.get("CONTAINER_NAME"));
      uid = env.get("POD_UID");
    } else {
      putIfPresent(base, AttributeNames.K8S_NAMESPACE_NAME, pod.namespace());
      putIfPresent(base, AttributeNames.K8S_POD_NAME, pod.pod());
      putIfPresent(base, AttributeNames.K8S_POD_UID, pod.uid());
      putIfPresent(base, AttributeNames.K8S_CONTAINER_NAME, pod.container());
      uid = pod.uid();
    }
    if (stream == Stream.EVENT) {
      putIfPresent(base, AttributeNames.SPARK_APP_ID, SparkEventLogFiles.appId(path));
    }
    return new FileResource(base.build(), uid, RayLogFiles.jobId(path));
  }

  /** The configured compute type, else the one the node's labels say, else {@code fixed}. */
  public ComputeType computeType() {
    if (config.computeType() != null) {
      return config.computeType();
    }
    ComputeType detected = pods.detectedComputeType();
    return detected != null ? detected : ComputeType.FIXED;
  }

  private static void putIfPresent(Attributes.Builder attributes, String key, String value) {
    if (value != null && !value.isEmpty()) {
      attributes.put(key, value);
    }
  }

  /** One file's resource; rebuilt only when its pod's labels change. Not thread-safe. */
  public final class FileResource {
    private final Attributes base;
    private final String podUid;
    private final String rayJobId;
    private Map<String, String> labels;
    private Resource resource;

    private FileResource(Attributes base, String podUid, String rayJobId) {
      this.base = base;
      this.podUid = podUid;
      this.rayJobId = rayJobId;
    }

    /** The Ray job of the file, from a worker log's name; null if the name does not say. */
    public String rayJobId() {
      return rayJobId;
    }

    /** The resource for the file's next record. */
    public Resource resource() {
      Map<String, String> current = podUid == null || podUid.isEmpty() ? Map.of() : pods.labels(podUid);
      if (resource == null || current != labels) {
        labels = current;
        resource = Resource.of(withLabels(base, current));
      }
      return resource;
    }
  }

  private Attributes withLabels(Attributes base, Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return base;
    }
    Attributes.Builder attributes = base.toBuilder();
    putIfPresent(attributes, AttributeNames.SPARK_APP_ID, labels.get(LABEL_SPARK_APP));
    String role = labels.get(LABEL_SPARK_ROLE);
    putIfPresent(attributes, AttributeNames.SPARK_ROLE, role);
    if ("driver".equals(role)) {
      attributes.put(AttributeNames.SPARK_EXECUTOR_ID, "driver");
    } else {
      putIfPresent(attributes, AttributeNames.SPARK_EXECUTOR_ID, labels.get(LABEL_SPARK_EXEC_ID));
    }
    putIfPresent(attributes, AttributeNames.RAY_CLUSTER_NAME, labels.get(LABEL_RAY_CLUSTER));
    putIfPresent(attributes, AttributeNames.RAY_NODE_TYPE, labels.get(LABEL_RAY_NODE_TYPE));
    putIfPresent(attributes, AttributeNames.PIPELENS_TEAM, labels.get(config.teamLabel()));
    putIfPresent(attributes, AttributeNames.PIPELENS_PRIORITY, labels.get(config.priorityLabel()));
    return attributes.build();
  }
}
