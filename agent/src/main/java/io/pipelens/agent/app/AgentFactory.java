package io.pipelens.agent.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pipelens.agent.checkpoint.FileCheckpoints;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.pipeline.RecordPipeline;
import io.pipelens.agent.process.ProcessorChain;
import io.pipelens.agent.process.enrich.KubernetesEnrichmentConfig;
import io.pipelens.agent.process.enrich.KubernetesPodMetadata;
import io.pipelens.agent.process.enrich.PodMetadata;
import io.pipelens.agent.remote.CollectionSwitch;
import io.pipelens.agent.remote.RemoteConfigConfig;
import io.pipelens.agent.remote.RemoteConfigPoller;
import io.pipelens.agent.source.FileTailer;
import io.pipelens.agent.source.InputPrecedence;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.ComputeType;
import io.pipelens.runtime.component.ComponentFactory;
import io.pipelens.runtime.component.ComponentOps;
import io.pipelens.runtime.lifecycle.CompositeService;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the agent: {@code pipelens agent}.
 *
 * <p>Start order, which is also the reverse of the stop order: operations endpoints, checkpoints,
 * the pod watch ({@code enrichment.kubernetes}), outputs, the record pipeline, processing, then the
 * inputs, and last the {@code remote_config} poller, which replaces outputs to inputs in place. So on SIGTERM the inputs stop reading
 * first, processing flushes the records it holds, the pipeline sends everything and waits for the
 * outputs' acknowledgements, the outputs close, and the checkpoints are written last, with every
 * acknowledged offset in them.
 *
 * <p>Every worker loop reports to the ops side's {@link Liveness}. The workers of one collection
 * (inputs, pipeline, outputs) report through a view of their own, forgotten when the collection
 * stops: a {@code remote_config} swap replaces a dead output with a new one, which is judged
 * afresh, rather than leaving {@code /healthz} failing for a worker that no longer runs.
 */
public final class AgentFactory implements ComponentFactory<AgentConfig> {

  /** The example configuration shipped in the jar and printed by {@code pipelens agent --help}. */
  public static final String EXAMPLE_RESOURCE = "/io/pipelens/agent/agent-example.yaml";

  /** The tag every agent meter carries: {@code enrichment.compute_type}, {@code fixed} or {@code serverless}. */
  public static final String COMPUTE_TYPE_TAG = "compute_type";

  private static final Logger log = LoggerFactory.getLogger(AgentFactory.class);

  private final Map<String, String> environment;
  private final PodMetadata podLabels; // null: from the configuration (the Kubernetes watch or none)

  /** The factory the launcher finds; enrichment reads the process environment. */
  public AgentFactory() {
    this(System.getenv());
  }

  /** A factory whose enrichment reads {@code environment} (the downward API's variables). */
  public AgentFactory(Map<String, String> environment) {
    this(environment, null);
  }

  /**
   * A factory for an agent embedded in a program that knows the pods itself (the demo's synthetic
   * fleet): pod labels come from {@code podLabels} instead of the Kubernetes API, and are mapped to
   * attributes as the API's would be. {@code enrichment.kubernetes.enabled} must then be false.
   */
  public AgentFactory(Map<String, String> environment, PodMetadata podLabels) {
    this.environment = Map.copyOf(environment);
    this.podLabels = podLabels;
  }

  @Override
  public String name() {
    return "agent";
  }

  @Override
  public String summary() {
    return "tail, enrich and ship the logs of a node (DaemonSet) or a pod (sidecar)";
  }

  @Override
  public Class<AgentConfig> configType() {
    return AgentConfig.class;
  }

  @Override
  public String exampleConfig() {
    return ComponentFactory.resourceText(AgentFactory.class, EXAMPLE_RESOURCE);
  }

  @Override
  public Service create(AgentConfig config) {
    // One agent serves one kind of compute (a DaemonSet on fixed nodes, a sidecar on serverless
    // pods), so compute_type is the same on all its meters: a common tag, free on hot paths.
    ComputeType computeType = meterComputeType(config);
    ComponentOps ops = ComponentOps.create(name(), config.http(), AgentConfig.DEFAULT_PORT,
        Tags.of(COMPUTE_TYPE_TAG, computeType.wireName()), routes -> { });
    if (config.inputs().isEmpty() && config.remoteConfig() == null) {
      log.warn("no inputs are configured: the agent only serves its operations endpoints");
      return CompositeService.of(name(), ops);
    }
    var registry = ops.registry();
    Liveness liveness = ops.liveness();
    FileCheckpoints checkpoints = new FileCheckpoints(config.dataDir(), config.checkpointInterval(),
        FileCheckpoints.DEFAULT_GONE_GRACE, registry, Clock.systemUTC(), liveness);
    KubernetesEnrichmentConfig kubernetes = config.enrichment().kubernetes().resolve(environment);
    if (podLabels != null && kubernetes.enabled()) {
      throw new IllegalArgumentException("enrichment.kubernetes.enabled: pod labels are given by the embedding program");
    }
    KubernetesPodMetadata pods = kubernetes.enabled() ? KubernetesPodMetadata.create(kubernetes, registry) : null;

    List<Service> services = new ArrayList<>();
    services.add(ops);
    services.add(checkpoints);
    if (pods != null) {
      services.add(pods);
    }
    PodMetadata podMetadata = pods != null ? pods : podLabels != null ? podLabels : PodMetadata.none();
    if (config.remoteConfig() == null) {
      services.add(collection(config, checkpoints, podMetadata, registry, liveness));
      return CompositeService.of(name(), services);
    }
    // A served configuration replaces the file's collection keys; the file's stay the base, so a
    // key the collector stops serving falls back to the file.
    CollectionSwitch<AgentConfig> collection = new CollectionSwitch<>(config,
        c -> collection(c, checkpoints, podMetadata, registry, liveness), registry, config.shutdownTimeout());
    services.add(collection);
    ConfigLoader loader = ConfigLoader.create(environment);
    RemoteConfigConfig remote = config.remoteConfig();
    String namespace = remote.namespace() != null ? remote.namespace() : environment.get("POD_NAMESPACE");
    services.add(new RemoteConfigPoller(remote, computeType.wireName(), namespace,
        (yaml, source) -> collection.apply(loader.parse(yaml, source, ServedCollection.class).over(config)),
        registry, liveness));
    return CompositeService.of(name(), services);
  }

  /**
   * The {@code compute_type} label of every meter, which must be known before the first meter is
   * registered: the configured one; else, with the Kubernetes watch, what the agent's node says (the
   * same read the watch makes for the records' {@code pipelens.compute.type}); else {@code fixed}.
   */
  private ComputeType meterComputeType(AgentConfig config) {
    ComputeType configured = config.enrichment().computeType();
    if (configured != null) {
      return configured;
    }
    KubernetesEnrichmentConfig kubernetes = config.enrichment().kubernetes().resolve(environment);
    if (podLabels != null || !kubernetes.enabled() || kubernetes.serverlessNodeRules().isEmpty()) {
      return ComputeType.FIXED;
    }
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      ComputeType detected = KubernetesPodMetadata.detectComputeType(kubernetes, client);
      return detected != null ? detected : ComputeType.FIXED;
    }
  }

  /**
   * What reads, processes and ships records for {@code config}: outputs, the record pipeline,
   * processing, then the inputs (also the stop order, reversed), not yet started.
   */
  private Service collection(AgentConfig config, FileCheckpoints checkpoints, PodMetadata pods,
      MeterRegistry registry, Liveness componentLiveness) {
    if (config.inputs().isEmpty()) {
      log.warn("no inputs are configured: the agent reads nothing until its configuration gives it inputs");
      return CompositeService.of("agent-collection", List.of());
    }
    Liveness liveness = componentLiveness.scoped();
    List<String> outputNames = config.outputNames();
    List<Output> outputs = new ArrayList<>();
    for (int i = 0; i < config.outputs().size(); i++) {
      outputs.add(config.outputs().get(i).create(outputNames.get(i), registry, liveness));
    }
    RecordPipeline pipeline = new RecordPipeline(config.pipeline(), outputs, checkpoints, registry, liveness);

    List<String> inputNames = config.inputNames();
    ProcessorChain.Builder chain = ProcessorChain.builder(pipeline, registry)
        .masking(config.masking())
        .enrichment(config.enrichment())
        .environment(environment)
        .podMetadata(pods);
    for (int i = 0; i < config.inputs().size(); i++) {
      chain.input(inputNames.get(i), config.inputs().get(i).processing());
    }
    ProcessorChain processing = chain.build();

    // Every input is registered before any tailer starts, which is when the precedence is asked.
    InputPrecedence precedence = new InputPrecedence();
    List<Service> tailers = new ArrayList<>();
    for (int i = 0; i < config.inputs().size(); i++) {
      InputConfig input = config.inputs().get(i);
      String name = inputNames.get(i);
      if (input.file() != null) {
        precedence.file(name, input.file());
        tailers.add(new FileTailer(name, input.stream(), input.file(), checkpoints, processing, registry,
            liveness, precedence));
      } else {
        precedence.containers(name, input.container());
        tailers.add(FileTailer.forContainers(name, input.stream(), input.container(), checkpoints, processing,
            registry, liveness, precedence));
      }
    }

    List<Service> services = new ArrayList<>();
    // A collection stops when a remote_config swap replaces it: its workers' deaths are forgotten
    // then (the failure counters keep their counts). First, so stopped last, after every worker.
    services.add(Service.onStop("agent-collection-liveness", liveness::forgetAll));
    services.addAll(outputs);
    services.add(pipeline);
    services.add(new ProcessingFlush(processing));
    services.addAll(tailers);
    return CompositeService.of("agent-collection", services);
  }

  /** Flushes the records processing still holds (a multiline record waiting for more lines) on stop. */
  private record ProcessingFlush(ProcessorChain processing) implements Service {
    @Override
    public String name() {
      return "agent-processing";
    }

    @Override
    public void start() { }

    @Override
    public void stop(Duration deadline) {
      try {
        processing.flushAll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
