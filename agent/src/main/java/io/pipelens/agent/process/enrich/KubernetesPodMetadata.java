package io.pipelens.agent.process.enrich;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.process.enrich.KubernetesEnrichmentConfig.Scope;
import io.pipelens.runtime.lifecycle.Service;
import java.time.Duration;
import java.util.Iterator;
import io.pipelens.core.record.ComputeType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PodMetadata} from the Kubernetes API: a shared informer on the pods of this node ({@code
 * spec.nodeName} field selector, DaemonSet) or on the agent's own pod (sidecar), configured by
 * {@link KubernetesEnrichmentConfig}.
 *
 * <p>The informer's thread keeps a {@link ConcurrentHashMap} from pod UID to an immutable copy of
 * the pod's labels; {@link #labels} is a lock-free map read. An update that leaves a pod's labels
 * as they were (a status change, which is most updates) keeps the map instance, so {@link
 * ResourceEnricher} rebuilds a file's resource only when the labels really changed. A deleted pod's
 * labels stay for {@code deleted_pod_grace}, since its log files are usually read to their end
 * after it is gone.
 *
 * <p>The node's pods are also checked on this side of the watch: a pod of another node is never
 * kept, even from an API server (or a proxy) that ignores the field selector.
 *
 * <p>Metric: {@code pipelens_agent_kubernetes_pods} (gauge), the pods whose labels are known.
 */
public final class KubernetesPodMetadata implements PodMetadata, Service {

  private static final Logger log = LoggerFactory.getLogger(KubernetesPodMetadata.class);

  private final KubernetesEnrichmentConfig config;
  private final KubernetesClient client;
  private final boolean ownsClient;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Map<String, String>> labelsByUid = new ConcurrentHashMap<>();
  // Deleted pods: UID -> System.nanoTime() after which their labels are forgotten. Informer thread only.
  private final Map<String, Long> forgetAt = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private volatile SharedIndexInformer<Pod> informer;
  private volatile ComputeType computeType;

  /**
   * Watches with a client configured the fabric8 way (the pod's service account in a cluster, else
   * {@code KUBECONFIG}), closed on {@link #stop}.
   *
   * @param config resolved ({@link KubernetesEnrichmentConfig#resolve}) and enabled
   */
  public static KubernetesPodMetadata create(KubernetesEnrichmentConfig config, MeterRegistry registry) {
    return new KubernetesPodMetadata(config, new KubernetesClientBuilder().build(), true, registry, System::nanoTime);
  }

  /**
   * Watches with {@code client}, which the caller closes.
   *
   * @param config resolved ({@link KubernetesEnrichmentConfig#resolve}) and enabled
   */
  public KubernetesPodMetadata(KubernetesEnrichmentConfig config, KubernetesClient client, MeterRegistry registry) {
    this(config, client, false, registry, System::nanoTime);
  }

  KubernetesPodMetadata(KubernetesEnrichmentConfig config, KubernetesClient client, boolean ownsClient,
      MeterRegistry registry, LongSupplier nanoTime) {
    this.config = Objects.requireNonNull(config, "config");
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    if (config.scope() == Scope.NODE) {
      Objects.requireNonNull(config.nodeName(), "node_name");
    } else {
      Objects.requireNonNull(config.podName(), "pod_name");
      Objects.requireNonNull(config.podNamespace(), "pod_namespace");
    }
    Gauge.builder("pipelens.agent.kubernetes.pods", labelsByUid, Map::size)
        .description("Pods whose labels the agent knows from the Kubernetes API").register(registry);
  }

  @Override
  public String name() {
    return "agent-kubernetes-pods";
  }

  @Override
  public Map<String, String> labels(String podUid) {
    Map<String, String> labels = labelsByUid.get(podUid);
    return labels != null ? labels : Map.of();
  }

  /**
   * Starts the informer and waits up to {@code sync_timeout} for its first list. An API server that
   * does not answer by then is logged, and the informer keeps trying: the agent starts without
   * labels rather than not at all.
   */
  @Override
  public void start() throws InterruptedException {
    SharedIndexInformer<Pod> created = config.scope() == Scope.NODE
        ? client.pods().inAnyNamespace().withField("spec.nodeName", config.nodeName()).runnableInformer(0)
        : client.pods().inNamespace(config.podNamespace()).withName(config.podName()).runnableInformer(0);
    created.exceptionHandler((started, failure) -> {
      if (failures.getAndIncrement() % 60 == 0) {
        log.warn("the pod watch failed ({} so far); pod labels may be stale until it recovers: {}",
            failures.get(), failure.toString());
      }
      return true; // keep retrying, with the informer's backoff
    });
    created.addEventHandler(new Handler());
    informer = created;
    String what = config.scope() == Scope.NODE
        ? "pods of node " + config.nodeName()
        : "pod " + config.podNamespace() + "/" + config.podName();
    try {
      created.start().toCompletableFuture().get(config.syncTimeout().toMillis(), TimeUnit.MILLISECONDS);
      log.info("watching the {}: {} known", what, labelsByUid.size());
      detectComputeType(); // the API answers: one more request, before any file's resource is built
    } catch (TimeoutException e) {
      log.warn("the Kubernetes API did not list the {} within {}; starting without pod labels, still trying"
          + " (and without detecting pipelens.compute.type)", what, config.syncTimeout());
    } catch (ExecutionException e) {
      log.warn("could not list the {}: {}; starting without pod labels, still trying", what,
          String.valueOf(e.getCause()));
    }
  }

  @Override
  public void stop(Duration deadline) {
    SharedIndexInformer<Pod> running = informer;
    informer = null;
    try {
      if (running != null) {
        running.stop();
      }
    } finally {
      if (ownsClient) {
        client.close();
      }
    }
  }

  @Override
  public ComputeType detectedComputeType() {
    return computeType;
  }

  /**
   * Reads the agent's node once and checks its labels against {@code serverless_node_labels}: a
   * node does not turn from virtual to fixed. A node that cannot be read (no {@code get} on
   * {@code nodes}, no node name) is logged, and nothing is detected.
   */
  private void detectComputeType() {
    computeType = detectComputeType(config, client);
  }

  /**
   * The compute type {@code client} reads from the agent's node: serverless when one of {@code
   * config}'s {@code serverless_node_labels} matches, fixed when none does, null when the node
   * cannot be read or no rule is configured (logged). Also for callers that need it before {@link
   * #start}, such as the agent's metric labels.
   */
  public static ComputeType detectComputeType(KubernetesEnrichmentConfig config, KubernetesClient client) {
    List<ServerlessNodeRule> rules = config.serverlessNodeRules();
    if (rules.isEmpty()) {
      return null;
    }
    try {
      String nodeName = config.nodeName();
      if (nodeName == null) {
        Pod me = client.pods().inNamespace(config.podNamespace()).withName(config.podName()).get();
        nodeName = me == null || me.getSpec() == null ? null : me.getSpec().getNodeName();
      }
      if (nodeName == null) {
        log.warn("pipelens.compute.type: the agent's node is not known (no NODE_NAME, pod not scheduled);"
            + " not detected, set enrichment.compute_type");
        return null;
      }
      Node node = client.nodes().withName(nodeName).get();
      if (node == null) {
        log.warn("pipelens.compute.type: node {} not found; not detected, set enrichment.compute_type", nodeName);
        return null;
      }
      Map<String, String> labels = node.getMetadata() == null || node.getMetadata().getLabels() == null
          ? Map.of() : node.getMetadata().getLabels();
      for (ServerlessNodeRule rule : rules) {
        if (rule.matches(labels)) {
          log.info("pipelens.compute.type: serverless (node {} has label {})", nodeName, rule);
          return ComputeType.SERVERLESS;
        }
      }
      log.info("pipelens.compute.type: fixed (node {} has none of the serverless labels {})", nodeName, rules);
      return ComputeType.FIXED;
    } catch (KubernetesClientException e) {
      log.warn("pipelens.compute.type: cannot read the agent's node ({}); not detected, set"
          + " enrichment.compute_type or allow get on nodes", e.getMessage());
      return null;
    }
  }

  /** Whether the labels of the pod with this UID are known, even if it has none. */
  boolean knows(String podUid) {
    return labelsByUid.containsKey(podUid);
  }

  /** Whether the informer has listed the pods at least once. */
  public boolean hasSynced() {
    SharedIndexInformer<Pod> running = informer;
    return running != null && running.hasSynced();
  }

  private boolean mine(Pod pod) {
    if (config.scope() == Scope.NODE) {
      return pod.getSpec() != null && config.nodeName().equals(pod.getSpec().getNodeName());
    }
    ObjectMeta meta = pod.getMetadata();
    return config.podName().equals(meta.getName()) && config.podNamespace().equals(meta.getNamespace());
  }

  private void put(Pod pod) {
    String uid = pod.getMetadata() == null ? null : pod.getMetadata().getUid();
    if (uid == null) {
      return;
    }
    if (!mine(pod)) {
      // Never expected from a working field selector; a pod that moved is not a thing in Kubernetes.
      labelsByUid.remove(uid);
      return;
    }
    Map<String, String> fresh = pod.getMetadata().getLabels();
    Map<String, String> next = fresh == null || fresh.isEmpty() ? Map.of() : fresh;
    labelsByUid.compute(uid, (key, current) -> current != null && current.equals(next) ? current : Map.copyOf(next));
    forgetAt.remove(uid);
  }

  private void deleted(Pod pod) {
    String uid = pod.getMetadata() == null ? null : pod.getMetadata().getUid();
    if (uid == null) {
      return;
    }
    if (config.deletedPodGrace().isZero()) {
      labelsByUid.remove(uid);
    } else if (labelsByUid.containsKey(uid)) {
      forgetAt.put(uid, nanoTime.getAsLong() + config.deletedPodGrace().toNanos());
    }
  }

  /** Forgets deleted pods whose grace has passed; runs on every event, on the informer's thread. */
  private void sweep() {
    long now = nanoTime.getAsLong();
    for (Iterator<Map.Entry<String, Long>> it = forgetAt.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> entry = it.next();
      if (now - entry.getValue() >= 0) {
        labelsByUid.remove(entry.getKey());
        it.remove();
      }
    }
  }

  private final class Handler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      sweep();
      put(pod);
    }

    @Override
    public void onUpdate(Pod previous, Pod pod) {
      sweep();
      put(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      sweep();
      deleted(pod);
    }
  }
}
