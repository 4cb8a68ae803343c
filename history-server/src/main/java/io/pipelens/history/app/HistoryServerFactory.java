package io.pipelens.history.app;

import io.pipelens.runtime.component.ComponentFactory;
import io.pipelens.runtime.lifecycle.Service;

/** Builds the history server: {@code pipelens history-server}. */
public final class HistoryServerFactory implements ComponentFactory<HistoryServerConfig> {

  /** The example configuration shipped in the jar and printed by {@code --help}. */
  public static final String EXAMPLE_RESOURCE = "/io/pipelens/history/history-server-example.yaml";

  @Override
  public String name() {
    return HistoryServerService.COMPONENT;
  }

  @Override
  public String summary() {
    return "replay Spark event logs behind Spark's REST API and a web UI";
  }

  @Override
  public Class<HistoryServerConfig> configType() {
    return HistoryServerConfig.class;
  }

  @Override
  public String exampleConfig() {
    return ComponentFactory.resourceText(HistoryServerFactory.class, EXAMPLE_RESOURCE);
  }

  @Override
  public Service create(HistoryServerConfig config) {
    return new HistoryServerService(config);
  }
}
