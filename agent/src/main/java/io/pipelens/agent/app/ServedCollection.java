package io.pipelens.agent.app;

import io.pipelens.agent.pipeline.PipelineConfig;
import io.pipelens.agent.process.mask.MaskingConfig;
import java.util.List;

/**
 * What the collector serves: the keys of the agent's configuration it may replace. A key it
 * leaves out keeps the file's value. Bound by the same strict loader as the file, with {@code
 * ${VAR}} read from the agent's environment.
 */
public record ServedCollection(
    List<InputConfig> inputs,
    List<OutputConfig> outputs,
    MaskingConfig masking,
    PipelineConfig pipeline) {

  /**
   * {@code local} with this configuration's keys in place of its own, checked as a whole.
   *
   * @throws IllegalArgumentException (an {@link io.pipelens.core.config.InvalidValueException}) if
   *     the result is not a valid configuration, such as inputs without outputs
   */
  public AgentConfig over(AgentConfig local) {
    return local.withCollection(
        inputs != null ? inputs : local.inputs(),
        outputs != null ? outputs : local.outputs(),
        pipeline != null ? pipeline : local.pipeline(),
        masking != null ? masking : local.masking());
  }
}
