package io.pipelens.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.pipelens.agent.app.AgentConfig;
import io.pipelens.agent.app.InputConfig;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.ComputeType;
import io.pipelens.deploy.Manifests.Manifest;
import io.pipelens.history.app.HistoryServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy/daemonset: every manifest parsed into fabric8's model and checked, offline. */
class DaemonSetManifestsTest {

  static final String IMAGE = "ghcr.io/pipelens/pipelens";
  static final Path DIR = Repo.path("deploy/daemonset");

  // ------------------------------------------------------------------ parsing and strictness

  private static List<Manifest> kustomized() {
    return Manifests.parseAll(kustomizationResources());
  }

  private static List<Manifest> examples() {
    return Manifests.parseAll(Repo.list(DIR.resolve("examples"), ".yaml"));
  }

  private static List<Path> kustomizationResources() {
    JsonNode resources = kustomization().get("resources");
    assertThat(resources).as("kustomization.yaml resources").isNotNull();
    List<Path> files = new ArrayList<>();
    resources.forEach(r -> files.add(DIR.resolve(r.asText())));
    return files;
  }

  private static JsonNode kustomization() {
    return Repo.yaml(DIR.resolve("kustomization.yaml"));
  }

  @Test
  void everyManifestParsesWithoutUnknownFields() {
    List<Manifest> all = new ArrayList<>(kustomized());
    all.addAll(examples());
    all.addAll(Manifests.parse(Repo.path("alerts/prometheusrule.yaml")));
    assertThat(all).hasSizeGreaterThan(15);
    List<String> problems = new ArrayList<>();
    for (Manifest m : all) {
      Manifests.unknownFields(m.resource()).forEach(p -> problems.add(m.where() + p));
      // a generic (custom) resource must be one of the kinds this repository means to use
      if (m.resource() instanceof GenericKubernetesResource generic) {
        assertThat(generic.getApiVersion()).as(m.where()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(generic.getKind()).as(m.where()).isIn("PodMonitor", "ServiceMonitor", "PrometheusRule");
      }
    }
    assertThat(problems).as("fields fabric8 does not know (typos?)").isEmpty();
  }

  @Test
  void theStrictnessCheckCatchesTypos() {
    String typo = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: x}
        spec:
          selector:
            matchLabel: {app: x}
          template:
            metadata: {labels: {app: x}}
            spec:
              containers:
                - name: x
                  image: x
                  volumeMounts: [{name: v, mountPath: /v, readonly: true}]
        """;
    HasMetadata parsed = Manifests.SERIALIZATION.unmarshal(typo, HasMetadata.class);
    assertThat(Manifests.unknownFields(parsed))
        .anySatisfy(p -> assertThat(p).contains("matchLabel"))
        .anySatisfy(p -> assertThat(p).contains("readonly"));
  }

  @Test
  void customResourcesUseOnlyKnownSpecKeys() {
    Map<String, Set<String>> specKeys = Map.of(
        "PodMonitor", Set.of("jobLabel", "selector", "namespaceSelector", "podMetricsEndpoints", "podTargetLabels"),
        "ServiceMonitor", Set.of("jobLabel", "selector", "namespaceSelector", "endpoints", "targetLabels"),
        "PrometheusRule", Set.of("groups"));
    Set<String> endpointKeys = Set.of("port", "path", "interval", "scrapeTimeout", "relabelings", "metricRelabelings", "honorLabels", "scheme");
    Set<String> relabelKeys = Set.of("sourceLabels", "targetLabel", "replacement", "regex", "action", "separator");
    List<Manifest> all = new ArrayList<>(kustomized());
    all.addAll(examples());
    for (Manifest m : all) {
      if (!(m.resource() instanceof GenericKubernetesResource generic)) {
        continue;
      }
      JsonNode node = Repo.YAML.valueToTree(generic.getAdditionalProperties());
      JsonNode spec = node.get("spec");
      assertThat(spec).as(m.where() + " spec").isNotNull();
      assertThat(fieldNames(spec)).as(m.where() + " spec keys").isSubsetOf(specKeys.get(generic.getKind()));
      assertThat(generic.getMetadata().getLabels()).as(m.where() + " labels").containsKey("release");
      for (String list : List.of("podMetricsEndpoints", "endpoints")) {
        if (spec.has(list)) {
          assertThat(spec.get(list)).as(m.where() + " " + list).isNotEmpty();
          for (JsonNode endpoint : spec.get(list)) {
            assertThat(fieldNames(endpoint)).as(m.where() + " endpoint keys").isSubsetOf(endpointKeys);
            assertThat(endpoint.path("port").asText()).as(m.where() + " endpoint port").isNotBlank();
            for (JsonNode relabel : endpoint.path("relabelings")) {
              assertThat(fieldNames(relabel)).as(m.where() + " relabeling keys").isSubsetOf(relabelKeys);
            }
          }
        }
      }
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // ------------------------------------------------------------------ kustomization

  @Test
  void kustomizationListsEveryManifestOnceAndSetsNamespaceAndImage() {
    JsonNode k = kustomization();
    List<String> listed = new ArrayList<>();
    k.get("resources").forEach(r -> listed.add(r.asText()));
    assertThat(listed).doesNotHaveDuplicates();
    List<String> onDisk = Repo.list(DIR, ".yaml").stream().map(p -> p.getFileName().toString())
        .filter(n -> !n.equals("kustomization.yaml")).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);

    String namespace = k.path("namespace").asText();
    assertThat(namespace).isEqualTo("pipelens");
    List<Manifest> manifests = kustomized();
    assertThat(one(manifests, Namespace.class, "pipelens").getMetadata().getName()).isEqualTo(namespace);
    // the namespace is set in one place: no resource sets its own
    for (Manifest m : manifests) {
      if (!(m.resource() instanceof Namespace)) {
        assertThat(m.resource().getMetadata().getNamespace()).as(m.where() + " metadata.namespace").isNull();
      }
    }
    assertThat(one(manifests, ClusterRoleBinding.class, "pipelens-agent").getSubjects())
        .allSatisfy(s -> assertThat(s.getNamespace()).isEqualTo(namespace));

    // the image is set in one place: every container runs it, at the kustomization's tag
    JsonNode images = k.get("images");
    assertThat(images).hasSize(1);
    assertThat(images.get(0).path("name").asText()).isEqualTo(IMAGE);
    String tag = images.get(0).path("newTag").asText();
    assertThat(tag).isNotBlank();
    List<Container> containers = manifests.stream().flatMap(m -> podSpec(m.resource()).stream())
        .flatMap(s -> allContainers(s).stream()).toList();
    assertThat(containers).hasSize(3);
    assertThat(containers).allSatisfy(c -> assertThat(c.getImage()).isEqualTo(IMAGE + ":" + tag));
    assertThat(containers).extracting(c -> c.getArgs().get(0)).containsExactlyInAnyOrder("agent", "collector", "history-server");
  }

  @Test
  void kustomizeBuildsWhenKubectlIsInstalled() throws Exception {
    String kubectl = AlertsTest.findOnPath("kubectl");
    org.junit.jupiter.api.Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
    AlertsTest.Result r = AlertsTest.run(new ProcessBuilder(kubectl, "kustomize", DIR.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    java.nio.file.Path built = java.nio.file.Files.createTempFile("kustomized", ".yaml");
    try {
      java.nio.file.Files.writeString(built, r.output());
      List<Manifest> manifests = Manifests.parse(built);
      assertThat(manifests).hasSameSizeAs(kustomized());
      for (Manifest m : manifests) {
        HasMetadata res = m.resource();
        assertThat(Manifests.unknownFields(res)).as(m.where()).isEmpty();
        assertThat(res.getMetadata().getLabels()).as(m.where()).containsEntry("app.kubernetes.io/part-of", "pipelens");
        boolean clusterScoped = res instanceof Namespace || res instanceof ClusterRole || res instanceof ClusterRoleBinding;
        assertThat(res.getMetadata().getNamespace()).as(m.where() + " namespace").isEqualTo(clusterScoped ? null : "pipelens");
      }
      assertThat(one(manifests, ClusterRoleBinding.class, "pipelens-agent").getSubjects())
          .allSatisfy(s -> assertThat(s.getNamespace()).isEqualTo("pipelens"));
    } finally {
      java.nio.file.Files.deleteIfExists(built);
    }
  }

  // ------------------------------------------------------------------ agent

  @Test
  void agentDaemonSet() {
    List<Manifest> manifests = kustomized();
    DaemonSet ds = one(manifests, DaemonSet.class, "pipelens-agent");
    PodTemplateSpec template = ds.getSpec().getTemplate();
    PodSpec pod = template.getSpec();
    assertSelectorMatchesTemplate(ds.getSpec().getSelector().getMatchLabels(), template);

    assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getStrVal()).isEqualTo("10%");
    assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
    assertThat(pod.getTolerations()).anySatisfy(t -> {
      assertThat(t.getOperator()).isEqualTo("Exists");
      assertThat(t.getKey()).isNull();
      assertThat(t.getEffect()).isNull();
    });
    assertThat(pod.getServiceAccountName()).isEqualTo(one(manifests, ServiceAccount.class, "pipelens-agent").getMetadata().getName());

    Container agent = single(pod);
    assertProbes(agent, "metrics", 9400);
    assertResources(agent);
    assertHardened(agent);
    assertThat(agent.getSecurityContext().getCapabilities().getAdd()).as("no capability added: root reads root-owned logs as owner").isNullOrEmpty();
    assertThat(agent.getSecurityContext().getRunAsUser()).as("runAsUser 0, documented in agent-daemonset.yaml").isZero();

    Map<String, EnvVar> env = envByName(agent);
    assertThat(env.get("NODE_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    // The image's entrypoint is java itself (deploy/image), which reads JDK_JAVA_OPTIONS, not JAVA_OPTS.
    assertThat(env).doesNotContainKey("JAVA_OPTS");
    assertThat(env.get("JDK_JAVA_OPTIONS").getValue())
        .isEqualTo("-Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -XX:TrimNativeHeapInterval=5000");

    // host paths: logs read-only, the checkpoint directory read-write
    assertThat(hostPathMount(pod, agent, "/var/log")).satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    assertThat(hostPathMount(pod, agent, "/var/log/pods")).satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    VolumeMount data = hostPathMount(pod, agent, "/var/lib/pipelens/agent");
    assertThat(data.getReadOnly()).as("checkpoint directory writable").isNotEqualTo(Boolean.TRUE);
    assertThat(volume(pod, data.getName()).getHostPath().getType()).isEqualTo("DirectoryOrCreate");
    // every other host path is read-only
    for (VolumeMount m : agent.getVolumeMounts()) {
      Volume v = volume(pod, m.getName());
      if (v.getHostPath() != null && !m.getMountPath().equals("/var/lib/pipelens/agent")) {
        assertThat(m.getReadOnly()).as("hostPath " + m.getMountPath() + " read-only").isTrue();
      }
    }
  }

  @Test
  void agentConfigMapLoadsWithTheAgentsOwnLoaderAndMatchesTheDaemonSet() throws Exception {
    List<Manifest> manifests = kustomized();
    DaemonSet ds = one(manifests, DaemonSet.class, "pipelens-agent");
    PodSpec pod = ds.getSpec().getTemplate().getSpec();
    Container agent = single(pod);
    AgentConfig config = loadMounted(manifests, pod, agent, "agent.yaml", AgentConfig.class);

    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/pipelens/agent"));
    assertThat(mountFor(agent, config.dataDir().toString())).isPresent();
    assertThat(config.http().port()).isEqualTo(port(agent, "metrics"));
    assertGraceCoversShutdown(pod, config.shutdownTimeout());
    assertThat(config.inputs()).extracting(InputConfig::container).filteredOn(c -> c != null)
        .singleElement().satisfies(c -> assertThat(c.paths()).allSatisfy(p -> assertThat(p).startsWith("/var/log/pods/")));
    for (InputConfig input : config.inputs()) {
      List<String> paths = input.container() != null ? input.container().paths() : input.file().paths();
      for (String path : paths) {
        assertThat(mountFor(agent, path)).as("input path " + path + " is on a mounted volume").isPresent();
      }
    }
    assertThat(config.outputs()).singleElement().satisfies(o -> assertThat(o.kafka()).isNotNull());
    assertThat(config.enrichment().computeType()).isEqualTo(ComputeType.FIXED);
  }

  @Test
  void agentRbacIsReadOnlyOnPodsNamespacesNodes() {
    List<Manifest> manifests = kustomized();
    ClusterRole role = one(manifests, ClusterRole.class, "pipelens-agent");
    assertThat(role.getRules()).hasSize(1);
    PolicyRule rule = role.getRules().get(0);
    assertThat(rule.getApiGroups()).containsExactly("");
    assertThat(rule.getResources()).containsExactlyInAnyOrder("pods", "namespaces", "nodes");
    assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(rule.getResourceNames()).isNullOrEmpty();
    assertThat(rule.getNonResourceURLs()).isNullOrEmpty();

    ClusterRoleBinding binding = one(manifests, ClusterRoleBinding.class, "pipelens-agent");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo("pipelens-agent");
    });
  }

  @Test
  void agentPodMonitorSelectsTheDaemonSetsMetricsPort() {
    List<Manifest> manifests = kustomized();
    DaemonSet ds = one(manifests, DaemonSet.class, "pipelens-agent");
    JsonNode spec = customSpec(manifests, "PodMonitor", "pipelens-agent");
    assertThat(spec.path("jobLabel").asText()).isEqualTo("app.kubernetes.io/name");
    assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "pipelens-agent");
    assertThat(labelsMatch(spec.path("selector").path("matchLabels"), ds.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
    assertThat(spec.path("podMetricsEndpoints").get(0).path("port").asText()).isEqualTo("metrics");
    assertThat(port(single(ds.getSpec().getTemplate().getSpec()), "metrics")).isEqualTo(9400);
  }

  // ------------------------------------------------------------------ collector

  @Test
  void collector() throws Exception {
    List<Manifest> manifests = kustomized();
    Deployment deployment = one(manifests, Deployment.class, "pipelens-collector");
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    PodSpec pod = template.getSpec();
    assertSelectorMatchesTemplate(deployment.getSpec().getSelector().getMatchLabels(), template);
    Container collector = single(pod);
    assertProbes(collector, "metrics", 9401);
    assertResources(collector);
    assertHardened(collector);
    assertThat(port(collector, "otlp-http")).isEqualTo(4318);
    assertThat(port(collector, "otlp-grpc")).isEqualTo(4317);

    CollectorConfig config = loadMounted(manifests, pod, collector, "collector.yaml", CollectorConfig.class);
    assertThat(config.http().port()).isEqualTo(9401);
    assertThat(config.otlp().http().port()).isEqualTo(4318);
    assertThat(config.otlp().grpc().port()).isEqualTo(4317);
    assertGraceCoversShutdown(pod, config.shutdownTimeout());

    Service otlp = one(manifests, Service.class, "pipelens-collector");
    Service metrics = one(manifests, Service.class, "pipelens-collector-metrics");
    for (Service s : List.of(otlp, metrics)) {
      assertThat(labelsMatch(Repo.YAML.valueToTree(s.getSpec().getSelector()), template.getMetadata().getLabels())).as(s.getMetadata().getName()).isTrue();
    }
    assertThat(otlp.getSpec().getPorts()).extracting(p -> p.getPort() + "->" + p.getTargetPort().getStrVal())
        .containsExactly("4318->otlp-http", "4317->otlp-grpc");
    assertThat(metrics.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(9401);
      assertThat(p.getName()).isEqualTo("metrics");
    });

    HorizontalPodAutoscaler hpa = one(manifests, HorizontalPodAutoscaler.class, "pipelens-collector");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("pipelens-collector");
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    assertThat(deployment.getSpec().getReplicas()).as("the HPA owns replicas").isNull();

    PodDisruptionBudget pdb = one(manifests, PodDisruptionBudget.class, "pipelens-collector");
    assertThat(labelsMatch(Repo.YAML.valueToTree(pdb.getSpec().getSelector().getMatchLabels()), template.getMetadata().getLabels())).isTrue();
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isLessThan(hpa.getSpec().getMinReplicas());

    JsonNode monitor = customSpec(manifests, "ServiceMonitor", "pipelens-collector");
    assertThat(monitor.path("jobLabel").asText()).isEqualTo("app.kubernetes.io/name");
    assertThat(labelsMatch(monitor.path("selector").path("matchLabels"), metrics.getMetadata().getLabels())).isTrue();
    assertThat(labelsMatch(monitor.path("selector").path("matchLabels"), otlp.getMetadata().getLabels())).isFalse();
    assertThat(monitor.path("endpoints").get(0).path("port").asText()).isEqualTo("metrics");
    assertThat(metrics.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "pipelens-collector");
  }

  // ------------------------------------------------------------------ history server

  @Test
  void historyServer() throws Exception {
    List<Manifest> manifests = kustomized();
    Deployment deployment = one(manifests, Deployment.class, "pipelens-history-server");
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    PodSpec pod = template.getSpec();
    assertSelectorMatchesTemplate(deployment.getSpec().getSelector().getMatchLabels(), template);
    Container hs = single(pod);
    assertProbes(hs, "http", 18080);
    assertResources(hs);
    assertHardened(hs);
    // the object-storage credentials come from the Secret, by keys it has
    Secret credentials = one(manifests, Secret.class, "pipelens-history-server-object-storage");
    List<EnvVar> fromSecret = hs.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null).toList();
    assertThat(fromSecret).hasSize(2).allSatisfy(e -> {
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(credentials.getMetadata().getName());
      assertThat(credentials.getStringData()).containsKey(e.getValueFrom().getSecretKeyRef().getKey());
    });

    HistoryServerConfig config = loadMounted(manifests, pod, hs, "history-server.yaml", HistoryServerConfig.class);
    assertThat(config.http().port()).isEqualTo(18080);
    assertGraceCoversShutdown(pod, config.shutdownTimeout());
    assertThat(config.logDirectories()).allSatisfy(dir -> assertThat(dir.getScheme()).isIn("s3", "oss"));
    assertThat(config.s3()).isNotNull();
    // the snapshot directory is a writable volume of its own, within the volume's size limit
    assertThat(config.cache().dir()).isNotNull();
    assertThat(hs.getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(m.getMountPath()).isEqualTo(config.cache().dir().toString());
          assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
          io.fabric8.kubernetes.api.model.Volume volume = pod.getVolumes().stream()
              .filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow();
          assertThat(volume.getEmptyDir()).isNotNull();
          assertThat(io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(volume.getEmptyDir().getSizeLimit()).longValue())
              .isGreaterThan(config.cache().maxDisk().bytes());
        });

    Service service = one(manifests, Service.class, "pipelens-history-server");
    assertThat(labelsMatch(Repo.YAML.valueToTree(service.getSpec().getSelector()), template.getMetadata().getLabels())).isTrue();
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(18080));
    JsonNode monitor = customSpec(manifests, "ServiceMonitor", "pipelens-history-server");
    assertThat(labelsMatch(monitor.path("selector").path("matchLabels"), service.getMetadata().getLabels())).isTrue();
    assertThat(monitor.path("endpoints").get(0).path("port").asText()).isEqualTo(service.getSpec().getPorts().get(0).getName());
  }

  /**
   * The JVM options each container starts with are ones this JVM (the one the image's runtime is
   * jlinked from) accepts: a misspelt or unknown -XX option stops the JVM before the component
   * starts, in a crash loop on every node.
   */
  @Test
  void everyContainersJvmOptionsStartThisJvm() throws Exception {
    List<Manifest> manifests = new ArrayList<>(kustomized());
    manifests.addAll(examples());
    Map<String, String> optionsByContainer = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      for (Container c : podSpec(m.resource()).map(DaemonSetManifestsTest::allContainers).orElse(List.of())) {
        EnvVar options = envByName(c).get("JDK_JAVA_OPTIONS");
        if (options != null) {
          optionsByContainer.put(m.file().getFileName() + " " + c.getName(), options.getValue());
        }
      }
    }
    assertThat(optionsByContainer).as("containers with JDK_JAVA_OPTIONS").hasSizeGreaterThanOrEqualTo(4);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (Map.Entry<String, String> e : optionsByContainer.entrySet()) {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(List.of(e.getValue().trim().split("\\s+")));
      command.add("-version");
      AlertsTest.Result r = AlertsTest.run(new ProcessBuilder(command));
      assertThat(r.exit()).as(e.getKey() + ": java " + e.getValue() + " -version\n" + r.output()).isZero();
    }
  }

  // ------------------------------------------------------------------ examples

  @Test
  void sparkDriverSidecarExample() throws Exception {
    List<Manifest> manifests = Manifests.parse(DIR.resolve("examples/spark-driver-sidecar.yaml"));
    Pod pod = one(manifests, Pod.class, "spark-pi-driver");
    PodSpec spec = pod.getSpec();
    Container agent = spec.getInitContainers().stream().filter(c -> c.getName().equals("pipelens-agent")).findFirst().orElseThrow();
    assertThat(agent.getRestartPolicy()).as("native sidecar").isEqualTo("Always");
    assertThat(agent.getArgs().get(0)).isEqualTo("agent");
    assertProbes(agent, "pl-metrics", 9400);
    assertResources(agent);
    assertHardened(agent);
    Container driver = spec.getContainers().get(0);

    // every volume the agent reads is one the driver writes, an emptyDir (no hostPath on serverless nodes)
    for (VolumeMount m : agent.getVolumeMounts()) {
      Volume v = volume(spec, m.getName());
      assertThat(v.getHostPath()).as(m.getName()).isNull();
    }
    for (String shared : List.of("/var/log/spark", "/var/log/spark-events")) {
      VolumeMount read = mountFor(agent, shared + "/x").orElseThrow();
      VolumeMount written = mountFor(driver, shared + "/x").orElseThrow();
      assertThat(read.getName()).isEqualTo(written.getName());
      assertThat(read.getReadOnly()).isTrue();
      assertThat(volume(spec, read.getName()).getEmptyDir()).isNotNull();
    }

    // the token comes from the Secret in the same file
    EnvVar token = envByName(agent).get("PIPELENS_OTLP_TOKEN");
    Secret secret = one(manifests, Secret.class, token.getValueFrom().getSecretKeyRef().getName());
    assertThat(secret.getStringData()).containsKey(token.getValueFrom().getSecretKeyRef().getKey());
    assertThat(secret.getMetadata().getNamespace()).isEqualTo(pod.getMetadata().getNamespace());

    AgentConfig config = loadMounted(manifests, spec, agent, "agent.yaml", AgentConfig.class);
    assertThat(config.enrichment().computeType()).isEqualTo(ComputeType.SERVERLESS);
    assertThat(config.outputs()).singleElement().satisfies(o -> {
      assertThat(o.otlp()).isNotNull();
      assertThat(o.otlp().endpoint()).startsWith("http://pipelens-collector.pipelens.svc:4318/");
      assertThat(o.otlp().token()).isNotNull();
    });
    assertThat(mountFor(agent, config.dataDir().toString())).isPresent();
    assertGraceCoversShutdown(spec, config.shutdownTimeout());

    JsonNode monitor = customSpec(manifests, "PodMonitor", "pipelens-agent-sidecars");
    assertThat(labelsMatch(monitor.path("selector").path("matchLabels"), pod.getMetadata().getLabels())).isTrue();
    assertThat(monitor.path("podMetricsEndpoints").get(0).path("port").asText()).isEqualTo("pl-metrics");
  }

  @Test
  void sparkAndRayPodMonitorExamples() {
    List<Manifest> spark = Manifests.parse(DIR.resolve("examples/spark-podmonitor.yaml"));
    JsonNode s = customSpec(spark, "PodMonitor", "spark-drivers");
    assertThat(s.path("selector").path("matchLabels").path("spark-role").asText()).isEqualTo("driver");
    List<Manifest> ray = Manifests.parse(DIR.resolve("examples/ray-podmonitor.yaml"));
    assertThat(customSpec(ray, "PodMonitor", "ray-head-monitor").path("selector").path("matchLabels").path("ray.io/node-type").asText()).isEqualTo("head");
    assertThat(customSpec(ray, "PodMonitor", "ray-workers-monitor").path("selector").path("matchLabels").path("ray.io/node-type").asText()).isEqualTo("worker");
  }

  // ------------------------------------------------------------------ helpers

  static <T extends HasMetadata> T one(List<Manifest> manifests, Class<T> type, String name) {
    List<T> found = manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast)
        .filter(r -> r.getMetadata().getName().equals(name)).toList();
    assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
    return found.get(0);
  }

  static JsonNode customSpec(List<Manifest> manifests, String kind, String name) {
    GenericKubernetesResource r = manifests.stream().map(Manifest::resource)
        .filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
        .filter(g -> g.getKind().equals(kind) && g.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    return Repo.YAML.valueToTree(r.getAdditionalProperties()).path("spec");
  }

  private static Optional<PodSpec> podSpec(HasMetadata r) {
    if (r instanceof DaemonSet ds) {
      return Optional.of(ds.getSpec().getTemplate().getSpec());
    }
    if (r instanceof Deployment d) {
      return Optional.of(d.getSpec().getTemplate().getSpec());
    }
    if (r instanceof Pod p) {
      return Optional.of(p.getSpec());
    }
    return Optional.empty();
  }

  private static List<Container> allContainers(PodSpec spec) {
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    return all;
  }

  private static Container single(PodSpec pod) {
    assertThat(pod.getContainers()).hasSize(1);
    return pod.getContainers().get(0);
  }

  private static void assertSelectorMatchesTemplate(Map<String, String> selector, PodTemplateSpec template) {
    assertThat(selector).isNotEmpty();
    assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(selector);
  }

  private static boolean labelsMatch(JsonNode matchLabels, Map<String, String> labels) {
    if (matchLabels == null || matchLabels.isMissingNode() || matchLabels.isEmpty() || labels == null) {
      return false;
    }
    for (var e : matchLabels.properties()) {
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static void assertProbes(Container c, String portName, int port) {
    assertThat(port(c, portName)).as(c.getName() + " port " + portName).isEqualTo(port);
    Probe liveness = c.getLivenessProbe();
    Probe readiness = c.getReadinessProbe();
    assertThat(liveness).as(c.getName() + " liveness").isNotNull();
    assertThat(readiness).as(c.getName() + " readiness").isNotNull();
    assertThat(liveness.getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(liveness.getHttpGet().getPort().getStrVal()).isEqualTo(portName);
    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(readiness.getHttpGet().getPort().getStrVal()).isEqualTo(portName);
  }

  private static void assertResources(Container c) {
    assertThat(c.getResources().getRequests()).as(c.getName() + " requests").containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).as(c.getName() + " limits").containsKeys("cpu", "memory");
    // the memory request fits in the limit
    assertThat(c.getResources().getRequests().get("memory").getNumericalAmount())
        .isLessThanOrEqualTo(c.getResources().getLimits().get("memory").getNumericalAmount());
  }

  private static void assertHardened(Container c) {
    var sc = c.getSecurityContext();
    assertThat(sc).as(c.getName() + " securityContext").isNotNull();
    assertThat(sc.getReadOnlyRootFilesystem()).as(c.getName() + " readOnlyRootFilesystem").isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName() + " allowPrivilegeEscalation").isFalse();
    assertThat(sc.getPrivileged()).as(c.getName() + " privileged").isNotEqualTo(Boolean.TRUE);
    assertThat(sc.getCapabilities().getDrop()).as(c.getName() + " drop").containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).as(c.getName() + " add").isNullOrEmpty();
    // a read-only root needs a writable /tmp for the JVM
    assertThat(mountFor(c, "/tmp/x")).as(c.getName() + " /tmp").isPresent();
  }

  private static int port(Container c, String name) {
    return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + ": no port " + name)).getContainerPort();
  }

  private static Map<String, EnvVar> envByName(Container c) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    c.getEnv().forEach(e -> assertThat(env.put(e.getName(), e)).as("env " + e.getName() + " twice").isNull());
    return env;
  }

  /** The environment a container would have: literal values, and a stand-in for each valueFrom. */
  private static Map<String, String> environment(Container c) {
    Map<String, String> env = new HashMap<>();
    envByName(c).forEach((name, e) -> env.put(name, e.getValue() != null ? e.getValue() : "from-" + name.toLowerCase()));
    return env;
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static VolumeMount hostPathMount(PodSpec pod, Container c, String hostPath) {
    for (VolumeMount m : c.getVolumeMounts()) {
      Volume v = volume(pod, m.getName());
      if (v.getHostPath() != null && v.getHostPath().getPath().equals(hostPath)) {
        assertThat(m.getMountPath()).as("hostPath " + hostPath + " mounted at the same path").isEqualTo(hostPath);
        return m;
      }
    }
    return fail("no hostPath " + hostPath + " mounted in " + c.getName());
  }

  /** The mount holding {@code path} (the longest mount path that is a prefix, as the kernel picks). */
  private static Optional<VolumeMount> mountFor(Container c, String path) {
    return c.getVolumeMounts().stream()
        .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
        .max(java.util.Comparator.comparingInt(m -> m.getMountPath().length()));
  }

  private static void assertGraceCoversShutdown(PodSpec pod, Duration shutdownTimeout) {
    // the launcher allows shutdown_timeout plus 5 s before it exits
    assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
        .as("terminationGracePeriodSeconds covers shutdown_timeout + 5s")
        .isGreaterThanOrEqualTo(shutdownTimeout.plusSeconds(5));
  }

  /** Loads the config file the container reads from its ConfigMap volume, with the container's environment. */
  private static <T> T loadMounted(List<Manifest> manifests, PodSpec pod, Container c, String key, Class<T> type) throws Exception {
    int config = c.getArgs().indexOf("--config");
    assertThat(config).as(c.getName() + " --config").isPositive();
    String file = c.getArgs().get(config + 1);
    VolumeMount mount = mountFor(c, file).orElseThrow(() -> new AssertionError(file + " not mounted"));
    assertThat(file).isEqualTo(mount.getMountPath() + "/" + key);
    ConfigMap map = one(manifests, ConfigMap.class, volume(pod, mount.getName()).getConfigMap().getName());
    String yaml = map.getData().get(key);
    assertThat(yaml).as(map.getMetadata().getName() + " " + key).isNotBlank();
    // strict: unknown keys, wrong types and unset ${VARS} are errors
    return ConfigLoader.create(environment(c)).parse(yaml, map.getMetadata().getName() + "/" + key, type);
  }
}
