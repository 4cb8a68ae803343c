package io.pipelens.launcher;

import io.pipelens.launcher.demo.FleetPod;
import io.pipelens.launcher.demo.SyntheticFleet;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one place that writes the demo's component configurations, as the YAML a user would write:
 * each component is then built by its own strict loader, exactly as {@code --config} would. The
 * wiring: two agents (the fixed nodes' DaemonSet and the serverless Ray head's sidecar) send to
 * the in-process channel {@value #CHANNEL} (or Kafka), the collector reads it into the Lucene
 * index (or Elasticsearch) and archives event logs to {@code <data-dir>/event-archive} (or an
 * object store), and the history server replays that archive and shows the collector's log lines
 * in its web UI.
 */
final class DemoConfigs {

  static final String CHANNEL = "demo";

  /** Environment variable: the S3 endpoint for {@code --object-store}, such as MinIO's. */
  static final String S3_ENDPOINT_ENV = "PIPELENS_DEMO_S3_ENDPOINT";

  /** Environment variable: the S3 signing region for {@code --object-store}. */
  static final String S3_REGION_ENV = "PIPELENS_DEMO_S3_REGION";

  private final DemoOptions options;
  private final SyntheticFleet fleet;
  private final Map<String, String> env;
  private final Path dataDir;

  DemoConfigs(DemoOptions options, SyntheticFleet fleet, Map<String, String> env) {
    this.options = options;
    this.fleet = fleet;
    this.env = env;
    this.dataDir = options.dataDir().toAbsolutePath().normalize();
  }

  /** The collector's data directory; its Lucene index is {@code index/} inside. */
  Path collectorDataDir() {
    return dataDir.resolve("collector");
  }

  /** Where event logs are archived and replayed from: a {@code file:} URI or the object store. */
  URI eventArchive() {
    return options.objectStore() != null ? options.objectStore() : dataDir.resolve("event-archive").toUri();
  }

  String historyServer() {
    StringBuilder yaml = new StringBuilder()
        .append("log_directories: [").append(q(eventArchive().toString())).append("]\n")
        .append("scan_interval: 2s\n")
        .append("http: {port: ").append(options.historyPort()).append("}\n");
    String client = options.objectStore() == null ? "" : objectStoreClient("path_style_access");
    if (!client.isEmpty()) {
      yaml.append(options.objectStore().getScheme()).append(":\n").append(client);
    }
    // The web UI's log pages read the store the collector writes.
    if (options.elasticsearch() != null) {
      yaml.append("logs: {elasticsearch: {urls: [").append(q(options.elasticsearch().toString())).append("]}}\n");
    } else {
      yaml.append("logs: {lucene: {index_dir: ").append(q(collectorDataDir().resolve("index").toString())).append("}}\n");
    }
    return yaml.toString();
  }

  String collector() {
    StringBuilder yaml = new StringBuilder()
        .append("http: {port: ").append(options.collectorPort()).append("}\n")
        .append("data_dir: ").append(q(collectorDataDir().toString())).append("\n")
        .append("lucene: {commit_interval: 1s}\n");
    if (options.kafka() != null) {
      yaml.append("kafka: {brokers: [").append(q(options.kafka())).append("], group_id: pipelens-demo}\n");
    } else {
      yaml.append("channel: {name: ").append(CHANNEL).append("}\n");
    }
    if (options.elasticsearch() != null) {
      yaml.append("elasticsearch:\n")
          .append("  urls: [").append(q(options.elasticsearch().toString())).append("]\n")
          .append("  number_of_replicas: 0\n")
          .append("  dead_letter: {file: ").append(q(collectorDataDir().resolve("dead-letters.jsonl").toString()))
          .append("}\n");
    }
    yaml.append("archive:\n");
    if (options.objectStore() != null) {
      yaml.append("  uri: ").append(q(options.objectStore().toString())).append("\n")
          .append(objectStoreClient("path_style"));
    } else {
      yaml.append("  directory: ").append(q(eventArchive().toString())).append("\n");
    }
    yaml.append("  roll_interval: 3s\n");
    return yaml.toString();
  }

  /** The DaemonSet agent of the fixed nodes: every Spark pod's container logs and the event logs. */
  String fixedAgent() {
    return "data_dir: " + q(dataDir.resolve("agent").toString()) + "\n"
        + "http: {port: " + options.agentPort() + "}\n"
        + "inputs:\n"
        + "  - name: spark-engine\n"
        + "    container:\n"
        + "      paths: [" + q(fleet.fixedContainerLogs("spark-kubernetes-driver")) + ", "
        + q(fleet.fixedContainerLogs("spark-kubernetes-executor")) + "]\n"
        + "      format: cri\n"
        + "    stream: engine\n"
        + "    preset: spark\n"
        + "  - name: spark-business\n"
        + "    container:\n"
        + "      paths: [" + q(fleet.fixedContainerLogs("app-logs")) + "]\n"
        + "      format: cri\n"
        + "    stream: business\n"
        + "    parser: {type: json}\n"
        + "  - name: spark-events\n"
        + "    file:\n"
        + "      paths: [" + q(fleet.fixedEventLogs()) + "]\n"
        + "      max_line_size: 64MiB\n"
        + "    stream: event\n"
        + output()
        + "enrichment: {compute_type: fixed}\n";
  }

  /** The sidecar of the Ray head pod on the serverless node: Ray's own log directory. */
  String serverlessAgent() {
    String logs = fleet.root() + "/" + SyntheticFleet.SERVERLESS + "/" + fleet.rayHead().name()
        + "/tmp/ray/session_*/logs/";
    return "data_dir: " + q(dataDir.resolve("agent-serverless").toString()) + "\n"
        + "http: {port: " + options.serverlessAgentPort() + "}\n"
        + "inputs:\n"
        + "  - name: ray\n"
        + "    file:\n"
        + "      paths: [" + q(logs + "*.log") + ", " + q(logs + "*.out") + ", " + q(logs + "*.err") + "]\n"
        + "      exclude: [" + q(logs + "job-driver-*.log") + "]\n"
        + "    stream: engine\n"
        + "    preset: ray\n"
        + "  - name: ray-jobs\n"
        + "    file:\n"
        + "      paths: [" + q(logs + "job-driver-*.log") + "]\n"
        + "    stream: business\n"
        + "    preset: ray\n"
        + output()
        + "enrichment: {compute_type: serverless}\n";
  }

  /** The downward API of the Ray head pod, as its sidecar would see it. */
  Map<String, String> serverlessAgentEnvironment() {
    FleetPod head = fleet.rayHead();
    return Map.of("NODE_NAME", head.node(), "POD_NAME", head.name(), "POD_NAMESPACE", head.namespace(),
        "POD_UID", head.uid(), "CONTAINER_NAME", "ray-head");
  }

  private String output() {
    if (options.kafka() != null) {
      return "outputs: [{name: kafka, kafka: {brokers: [" + q(options.kafka()) + "]}}]\n";
    }
    return "outputs: [{name: channel, channel: {name: " + CHANNEL + "}}]\n";
  }

  private String objectStoreClient(String pathStyleKey) {
    StringBuilder yaml = new StringBuilder();
    String endpoint = env.get(S3_ENDPOINT_ENV);
    if (endpoint != null && !endpoint.isBlank()) {
      yaml.append("  endpoint: ").append(q(endpoint)).append("\n")
          .append("  ").append(pathStyleKey).append(": true\n");
    }
    String region = env.get(S3_REGION_ENV);
    if (region != null && !region.isBlank()) {
      yaml.append("  region: ").append(q(region)).append("\n");
    }
    return yaml.toString();
  }

  /** A single-quoted YAML scalar. */
  private static String q(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
