package io.pipelens.agent;

import io.pipelens.runtime.component.ComponentFactory;
import io.pipelens.runtime.component.ComponentOps;
import io.pipelens.runtime.lifecycle.CompositeService;
import io.pipelens.runtime.lifecycle.Service;

/** Builds the agent: {@code pipelens agent}. */
public final class AgentFactory implements ComponentFactory<AgentConfig> {

  /** The example configuration shipped in the jar and printed by {@code pipelens agent --help}. */
  public static final String EXAMPLE_RESOURCE = "/io/pipelens/agent/agent-example.yaml";

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
    ComponentOps ops = ComponentOps.create(name(), config.http(), AgentConfig.DEFAULT_PORT);
    return CompositeService.of(name(), ops);
  }
}
