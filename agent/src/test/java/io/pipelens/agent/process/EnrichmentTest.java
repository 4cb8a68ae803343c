package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.process.enrich.EnrichmentConfig;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.ComputeType;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Stream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EnrichmentTest {

  private static final String EXECUTOR_UID = "0f3c9a52-6b1d-4d8e-9a57-2c4b8e1f7a90";
  private static final String DRIVER_UID = "7d2e1b34-9c0f-4a6e-b8d1-5e3f2a1c0b9d";

  private final Harness harness = new Harness();
  private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();

  private Resource resourceOf(SourceFile file) throws InterruptedException {
    harness.feed(file, "one line\n".getBytes(StandardCharsets.UTF_8));
    return harness.emitted.get(harness.emitted.size() - 1).record().resource();
  }

  @Test
  void daemonSetFileGetsPodFromItsPathNodeFromEnvAndSparkLabels() throws Exception {
    labels.put(EXECUTOR_UID, Map.of(
        "spark-app-selector", "spark-4f1c2b9e8d7a4c3b",
        "spark-role", "executor",
        "spark-exec-id", "7",
        "pipelens.io/team", "data-cleaning",
        "pipelens.io/priority", "high"));
    harness.builder
        .environment(Map.of("NODE_NAME", "node-a", "POD_NAME", "pipelens-agent-x2k9f", "POD_NAMESPACE", "pipelens"))
        .podMetadata(uid -> labels.getOrDefault(uid, Map.of()));
    SourceFile file = Harness.file("spark", "/var/log/pods/etl_dedup-exec-7_" + EXECUTOR_UID
        + "/spark-kubernetes-executor/0.log", Stream.ENGINE);

    Resource resource = resourceOf(file);
    assertThat(resource.attributes().size()).isEqualTo(11);
    assertThat(resource.attributes().asMap()).containsAllEntriesOf(Map.of(
        "pipelens.compute.type", text("fixed"),
        "k8s.node.name", text("node-a"),
        "k8s.namespace.name", text("etl"),
        "k8s.pod.name", text("dedup-exec-7"),
        "k8s.pod.uid", text(EXECUTOR_UID),
        "k8s.container.name", text("spark-kubernetes-executor"),
        "spark.app.id", text("spark-4f1c2b9e8d7a4c3b"),
        "spark.role", text("executor"),
        "spark.executor.id", text("7"),
        "pipelens.team", text("data-cleaning")));
    assertThat(resource.getString("pipelens.priority")).isEqualTo("high");
    assertThat(harness.emitted.get(0).record().attributes().getString("pipelens.stream")).isEqualTo("engine");
  }

  @Test
  void theDriverPodIsExecutorDriverAndLabelsThatArriveLateAreUsed() throws Exception {
    harness.builder.podMetadata(uid -> labels.getOrDefault(uid, Map.of()));
    SourceFile file = Harness.file("/var/log/pods/etl_dedup-driver_" + DRIVER_UID + "/spark-kubernetes-driver/0.log");

    assertThat(resourceOf(file).getString("spark.app.id")).isNull();
    labels.put(DRIVER_UID, Map.of("spark-app-selector", "spark-4f1c2b9e8d7a4c3b", "spark-role", "driver",
        "ray.io/cluster", "unused", "team", "ignored"));

    Resource resource = resourceOf(file);
    assertThat(resource.getString("spark.executor.id")).isEqualTo("driver");
    assertThat(resource.getString("spark.app.id")).isEqualTo("spark-4f1c2b9e8d7a4c3b");
    assertThat(resource.getString("pipelens.team")).isNull();
  }

  @Test
  void sidecarFileGetsItsPodFromTheEnvironmentAndStaticConfiguration() throws Exception {
    labels.put("uid-sidecar", Map.of("ray.io/cluster", "laion-filter", "ray.io/node-type", "worker", "owner", "mm-team"));
    harness.builder
        .environment(Map.of("POD_NAME", "ray-worker-abc", "POD_NAMESPACE", "mm", "POD_UID", "uid-sidecar",
            "NODE_NAME", "virtual-node-1", "CONTAINER_NAME", "ray-worker"))
        .podMetadata(uid -> labels.getOrDefault(uid, Map.of()))
        .enrichment(new EnrichmentConfig(ComputeType.SERVERLESS, "fallback-team", "low",
            Map.of("cloud.region", "cn-hangzhou"), "owner", null, null));
    SourceFile file = Harness.file("ray", "/shared/ray/logs/worker-1a2b3c4d5e6f-02000000-4321.out", Stream.BUSINESS);

    Resource resource = resourceOf(file);
    assertThat(resource.getString("pipelens.compute.type")).isEqualTo("serverless");
    assertThat(resource.getString("k8s.pod.name")).isEqualTo("ray-worker-abc");
    assertThat(resource.getString("k8s.namespace.name")).isEqualTo("mm");
    assertThat(resource.getString("k8s.pod.uid")).isEqualTo("uid-sidecar");
    assertThat(resource.getString("k8s.container.name")).isEqualTo("ray-worker");
    assertThat(resource.getString("k8s.node.name")).isEqualTo("virtual-node-1");
    assertThat(resource.getString("ray.cluster.name")).isEqualTo("laion-filter");
    assertThat(resource.getString("ray.node.type")).isEqualTo("worker");
    assertThat(resource.getString("pipelens.team")).isEqualTo("mm-team");
    assertThat(resource.getString("pipelens.priority")).isEqualTo("low");
    assertThat(resource.getString("cloud.region")).isEqualTo("cn-hangzhou");
    assertThat(harness.emitted.get(0).record().attributes().getString("ray.job.id")).isEqualTo("02000000");
    assertThat(harness.emitted.get(0).record().attributes().getString("pipelens.stream")).isEqualTo("business");
  }

  @Test
  void containersSymlinkPathGivesNamespacePodAndContainer() throws Exception {
    SourceFile file = Harness.file("/var/log/containers/dedup-driver_etl_spark-kubernetes-driver-"
        + "3f9a2c1b7e6d5a4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c.log");

    Resource resource = resourceOf(file);
    assertThat(resource.getString("k8s.namespace.name")).isEqualTo("etl");
    assertThat(resource.getString("k8s.pod.name")).isEqualTo("dedup-driver");
    assertThat(resource.getString("k8s.container.name")).isEqualTo("spark-kubernetes-driver");
    assertThat(resource.getString("k8s.pod.uid")).isNull();
  }

  @Test
  void aRotatedPodLogStillNamesItsPod() throws Exception {
    SourceFile file = Harness.file("/var/log/pods/etl_dedup-driver_" + DRIVER_UID
        + "/spark-kubernetes-driver/0.log.20240501-120000");

    Resource resource = resourceOf(file);
    assertThat(resource.getString("k8s.pod.uid")).isEqualTo(DRIVER_UID);
    assertThat(resource.getString("k8s.container.name")).isEqualTo("spark-kubernetes-driver");
  }

  @Test
  void recordsOfOneFileShareOneResourceInstance() throws Exception {
    SourceFile file = Harness.file("/var/log/pods/etl_p_" + DRIVER_UID + "/c/0.log");
    Resource first = resourceOf(file);
    assertThat(resourceOf(file)).isSameAs(first);
  }

  private static AnyValue text(String value) {
    return AnyValue.of(value);
  }
}
