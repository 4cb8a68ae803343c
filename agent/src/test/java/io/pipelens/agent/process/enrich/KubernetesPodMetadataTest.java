package io.pipelens.agent.process.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.ComputeType;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.process.enrich.KubernetesEnrichmentConfig.Scope;
import io.pipelens.core.config.InvalidValueException;
import io.pipelens.core.record.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KubernetesPodMetadata} with the real fabric8 client (JDK HttpClient) against fabric8's
 * mock API server in CRUD mode ({@code kubernetes-server-mock}): pods created, relabelled and
 * deleted through the API reach the agent through a real list and watch. No Kubernetes API server
 * runs on the build machine, so this mock server stands in for one. The mock does not know the
 * {@code spec.nodeName} field selector (it only knows {@code metadata.name} and {@code
 * metadata.namespace}, and matches nothing for other fields), so {@link NodeSelectorIgnored} records
 * the requests and takes that selector out before the mock sees them, as an API server that ignored
 * it would: the test checks that the agent sends it, and that the agent's own node check keeps
 * other nodes' pods out.
 */
class KubernetesPodMetadataTest {

  private KubernetesMockServer server;
  private KubernetesClient client;
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<KubernetesPodMetadata> started = new ArrayList<>();

  private final List<String> podQueries = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new NodeSelectorIgnored(new KubernetesCrudDispatcher(), podQueries), false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stopServer() {
    started.forEach(pods -> pods.stop(Duration.ofSeconds(1)));
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // The mock server (not the client) sometimes stalls closing a watch's web socket on its own
      // event loop, and gives up after 10 s; its port is released all the same.
      System.err.println("mock API server did not close cleanly: " + e);
    }
  }

  @Test
  void daemonSetKnowsThePodsOfItsNodeAndKeepsTheMapWhileLabelsStay() throws Exception {
    String driverUid = create(pod("spark", "driver-1", "node-a",
        Map.of("spark-app-selector", "spark-0001", "spark-role", "driver")));
    String otherUid = create(pod("spark", "other-node", "node-b", Map.of("spark-role", "executor")));

    KubernetesPodMetadata pods = start(node("node-a", Duration.ofMinutes(5)));
    assertThat(pods.hasSynced()).isTrue();
    Map<String, String> driver = pods.labels(driverUid);
    assertThat(driver).containsEntry("spark-app-selector", "spark-0001").containsEntry("spark-role", "driver");
    assertThat(pods.labels(otherUid)).as("another node's pod").isEmpty();
    assertThat(pods.labels("uid-unknown")).isEmpty();
    assertThat(listAndWatchPaths()).allSatisfy(path -> assertThat(path).contains("fieldSelector=spec.nodeName%3Dnode-a"));

    // A change that is not a label change (an annotation here, a status in real life) keeps the instance.
    client.pods().inNamespace("spark").withName("driver-1")
        .edit(p -> new PodBuilder(p).editMetadata().addToAnnotations("seen", "yes").endMetadata().build());
    await(() -> "yes".equals(client.pods().inNamespace("spark").withName("driver-1").get()
        .getMetadata().getAnnotations().get("seen")));
    String execUid = create(pod("spark", "executor-1", "node-a", Map.of("spark-exec-id", "1"))); // an event after the edit
    await(() -> !pods.labels(execUid).isEmpty());
    assertThat(pods.labels(driverUid)).isSameAs(driver);

    // A label change gives a new instance with the new labels.
    client.pods().inNamespace("spark").withName("driver-1")
        .edit(p -> new PodBuilder(p).editMetadata().addToLabels("pipelens.io/team", "data-prep").endMetadata().build());
    await(() -> pods.labels(driverUid) != driver);
    assertThat(pods.labels(driverUid)).containsEntry("pipelens.io/team", "data-prep")
        .containsEntry("spark-role", "driver");
  }

  @Test
  void deletedPodsKeepTheirLabelsForTheGracePeriod() throws Exception {
    String headUid = create(pod("ray", "head", "node-a", Map.of("ray.io/cluster", "laion", "ray.io/node-type", "head")));
    String workerUid = create(pod("ray", "worker", "node-a", Map.of("ray.io/cluster", "laion")));
    KubernetesPodMetadata pods = start(node("node-a", Duration.ofSeconds(30)));
    assertThat(pods.labels(headUid)).containsEntry("ray.io/node-type", "head");

    client.pods().inNamespace("ray").withName("head").delete();
    String later1Uid = create(pod("ray", "later-1", "node-a", Map.of())); // an event: the grace has not passed
    await(() -> pods.knows(later1Uid));
    assertThat(pods.labels(headUid)).as("within the grace").containsEntry("ray.io/cluster", "laion");

    now.addAndGet(TimeUnit.SECONDS.toNanos(31));
    create(pod("ray", "later-2", "node-a", Map.of("a", "b")));
    await(() -> pods.labels(headUid).isEmpty());
    assertThat(pods.labels(workerUid)).containsEntry("ray.io/cluster", "laion");
  }

  @Test
  void sidecarWatchesOnlyItsOwnPod() throws Exception {
    String meUid = create(pod("mm", "ray-worker-abc", "virtual-node-1", Map.of("ray.io/cluster", "laion-filter")));
    String neighbourUid = create(pod("mm", "ray-worker-def", "virtual-node-1", Map.of("ray.io/cluster", "other")));
    KubernetesPodMetadata pods = start(new KubernetesEnrichmentConfig(true, Scope.POD, null, null, null, null, null)
        .resolve(Map.of("POD_NAME", "ray-worker-abc", "POD_NAMESPACE", "mm")));

    assertThat(pods.labels(meUid)).containsEntry("ray.io/cluster", "laion-filter");
    assertThat(pods.labels(neighbourUid)).isEmpty();
    assertThat(listAndWatchPaths()).allSatisfy(path -> assertThat(path)
        .startsWith("/api/v1/namespaces/mm/pods").contains("fieldSelector=metadata.name%3Dray-worker-abc"));
  }

  @Test
  void theEnricherSeesLabelsFromTheWatch() throws Exception {
    String exec3Uid = create(pod("spark", "exec-3", "node-a",
        Map.of("spark-app-selector", "spark-0042", "spark-role", "executor", "spark-exec-id", "3")));
    KubernetesPodMetadata pods = start(node("node-a", Duration.ofMinutes(5)));
    ResourceEnricher enricher = new ResourceEnricher(EnrichmentConfig.defaults(), Map.of("NODE_NAME", "node-a"), pods);

    ResourceEnricher.FileResource file = enricher.forFile(Path.of("/var/log/pods/spark_exec-3_" + exec3Uid + "/spark/0.log"));
    Resource first = file.resource();
    assertThat(first.getString("spark.app.id")).isEqualTo("spark-0042");
    assertThat(first.getString("spark.executor.id")).isEqualTo("3");
    assertThat(file.resource()).as("unchanged labels, same resource").isSameAs(first);
  }

  @Test
  void anApiServerThatIsDownDoesNotStopTheAgent() throws Exception {
    server.destroy();
    KubernetesEnrichmentConfig config = new KubernetesEnrichmentConfig(true, Scope.NODE, "node-a", null, null,
        Duration.ofMillis(500), null);
    long start = System.nanoTime();
    KubernetesPodMetadata pods = start(config);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(pods.hasSynced()).isFalse();
    assertThat(pods.labels("uid-x")).isEmpty();
  }

  @Test
  void configurationNeedsTheNamesOfItsScope() {
    assertThat(KubernetesEnrichmentConfig.disabled().enabled()).isFalse();
    assertThat(KubernetesEnrichmentConfig.disabled().resolve(Map.of()).enabled()).isFalse();
    KubernetesEnrichmentConfig node = new KubernetesEnrichmentConfig(true, null, null, null, null, null, null);
    assertThat(node.scope()).isEqualTo(Scope.NODE);
    assertThat(node.resolve(Map.of("NODE_NAME", "n1")).nodeName()).isEqualTo("n1");
    assertThat(new KubernetesEnrichmentConfig(true, null, "explicit", null, null, null, null)
        .resolve(Map.of("NODE_NAME", "n1")).nodeName()).isEqualTo("explicit");
    assertThatThrownBy(() -> node.resolve(Map.of())).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("node_name");
    assertThatThrownBy(() -> new KubernetesEnrichmentConfig(true, Scope.POD, null, "p", null, null, null)
        .resolve(Map.of())).isInstanceOf(InvalidValueException.class).hasMessageContaining("pod_namespace");
  }

  private KubernetesEnrichmentConfig node(String name, Duration grace) {
    return new KubernetesEnrichmentConfig(true, Scope.NODE, null, null, null, Duration.ofSeconds(10), grace)
        .resolve(Map.of("NODE_NAME", name));
  }

  private KubernetesPodMetadata start(KubernetesEnrichmentConfig config) throws Exception {
    KubernetesPodMetadata pods = new KubernetesPodMetadata(config, client, false, new SimpleMeterRegistry(), now::get);
    started.add(pods);
    pods.start();
    return pods;
  }

  private List<String> listAndWatchPaths() {
    assertThat(podQueries).as("list and watch requests").isNotEmpty();
    return podQueries;
  }

  /** Records the queries of pod lists and watches, and drops their {@code spec.nodeName} selector. */
  private static final class NodeSelectorIgnored extends Dispatcher {
    private final Dispatcher crud;
    private final List<String> podQueries;

    NodeSelectorIgnored(Dispatcher crud, List<String> podQueries) {
      this.crud = crud;
      this.podQueries = podQueries;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      if ("GET".equals(request.getMethod()) && path.contains("/pods?")) {
        podQueries.add(path);
        String stripped = path.replaceAll("fieldSelector=spec\\.nodeName%3D[^&]*&?", "");
        if (!stripped.equals(path)) {
          request = new RecordedRequest(request.getHttpVersion(), request.method(), stripped, request.getHeaders(),
              request.getBody());
        }
      }
      return crud.dispatch(request);
    }

    @Override
    public void shutdown() {
      crud.shutdown();
    }
  }

  /** Creates the pod through the API and returns the UID the server gave it. */
  private String create(Pod pod) {
    return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create().getMetadata().getUid();
  }

  private static Pod pod(String namespace, String name, String node, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("busybox").endContainer()
        .endSpec()
        .build();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10s");
      }
      Thread.sleep(20);
    }
  }
}
