package io.pipelens.agent.app;

import io.pipelens.agent.checkpoint.FileCheckpoints;
import io.pipelens.agent.pipeline.PipelineConfig;
import io.pipelens.agent.process.enrich.EnrichmentConfig;
import io.pipelens.agent.process.mask.MaskingConfig;
import io.pipelens.agent.remote.RemoteConfigConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.core.config.InvalidValueException;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.logging.LoggingConfig;
import io.pipelens.runtime.ops.HttpConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's configuration file, {@code pipelens agent --config FILE}. Every key is documented in
 * the README's configuration reference, and {@code pipelens agent --help} prints a full example.
 *
 * @param http where {@code /metrics}, {@code /healthz} and {@code /readyz} listen; port {@value
 *     #DEFAULT_PORT} by default
 * @param logging log format and level
 * @param shutdownTimeout how long a SIGTERM may take to flush and checkpoint; 5s by default
 * @param dataDir where checkpoints are kept; {@value #DEFAULT_DATA_DIR} by default
 * @param checkpointInterval how often acknowledged offsets are written to disk; 1s by default. A
 *     crash re-sends at most what was acknowledged since the last write
 * @param inputs what to read; without inputs the agent only serves its operations endpoints
 * @param outputs where to send records; at least one when there are inputs
 * @param pipeline batching and the memory budget
 * @param masking secrets masked before anything leaves the process
 * @param enrichment resource attributes added to every record
 * @param remoteConfig where to poll for inputs, outputs, masking and pipeline served by the
 *     collector, which then replace the file's; none by default
 */
public record AgentConfig(
    HttpConfig http,
    LoggingConfig logging,
    Duration shutdownTimeout,
    Path dataDir,
    Duration checkpointInterval,
    List<InputConfig> inputs,
    List<OutputConfig> outputs,
    PipelineConfig pipeline,
    MaskingConfig masking,
    EnrichmentConfig enrichment,
    RemoteConfigConfig remoteConfig)
    implements ComponentConfig {

  /** The agent's operations port. */
  public static final int DEFAULT_PORT = 9400;
  /** Where checkpoints live by default; a hostPath in the DaemonSet, so restarts keep their place. */
  public static final String DEFAULT_DATA_DIR = "/var/lib/pipelens/agent";

  public AgentConfig {
    http = http == null ? HttpConfig.defaults(DEFAULT_PORT) : http.withDefaultPort(DEFAULT_PORT);
    logging = logging == null ? LoggingConfig.defaults() : logging;
    shutdownTimeout = ComponentConfig.shutdownTimeoutOrDefault(shutdownTimeout);
    dataDir = dataDir == null ? Path.of(DEFAULT_DATA_DIR) : dataDir;
    checkpointInterval = checkpointInterval == null ? FileCheckpoints.DEFAULT_FLUSH_INTERVAL : checkpointInterval;
    Checks.positive("checkpoint_interval", checkpointInterval);
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    pipeline = pipeline == null ? PipelineConfig.defaults() : pipeline;
    masking = masking == null ? MaskingConfig.defaults() : masking;
    enrichment = enrichment == null ? EnrichmentConfig.defaults() : enrichment;
    if (!inputs.isEmpty()) {
      Checks.notEmpty("outputs", outputs);
    }
    requireUniqueNames(inputNames(inputs), "inputs");
    requireUniqueNames(outputNames(outputs), "outputs");
  }

  /** This configuration with another collection: what a served configuration replaces. */
  public AgentConfig withCollection(List<InputConfig> inputs, List<OutputConfig> outputs, PipelineConfig pipeline,
      MaskingConfig masking) {
    return new AgentConfig(http, logging, shutdownTimeout, dataDir, checkpointInterval, inputs, outputs, pipeline,
        masking, enrichment, remoteConfig);
  }

  /** The inputs' names, defaults resolved, in order. */
  public List<String> inputNames() {
    return inputNames(inputs);
  }

  /** The outputs' names, defaults resolved, in order. */
  public List<String> outputNames() {
    return outputNames(outputs);
  }

  private static List<String> inputNames(List<InputConfig> inputs) {
    return java.util.stream.IntStream.range(0, inputs.size()).mapToObj(i -> inputs.get(i).nameOr(i)).toList();
  }

  private static List<String> outputNames(List<OutputConfig> outputs) {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      OutputConfig output = outputs.get(i);
      if (output.name() != null) {
        names.add(output.name());
      } else {
        String type = output.type();
        boolean repeated = outputs.stream().filter(o -> o.name() == null && o.type().equals(type)).count() > 1;
        names.add(repeated ? type + "-" + i : type);
      }
    }
    return names;
  }

  private static void requireUniqueNames(List<String> names, String key) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw new InvalidValueException(key + "[" + i + "].name", names.get(i), "is already the name of an earlier entry");
      }
    }
  }
}
