package io.pipelens.collector;

import io.pipelens.runtime.component.ComponentFactory;
import io.pipelens.runtime.component.ComponentOps;
import io.pipelens.runtime.lifecycle.CompositeService;
import io.pipelens.runtime.lifecycle.Service;

/** Builds the collector: {@code pipelens collector}. */
public final class CollectorFactory implements ComponentFactory<CollectorConfig> {

  /** The example configuration shipped in the jar and printed by {@code pipelens collector --help}. */
  public static final String EXAMPLE_RESOURCE = "/io/pipelens/collector/collector-example.yaml";

  @Override
  public String name() {
    return "collector";
  }

  @Override
  public String summary() {
    return "consume Kafka and OTLP, index into Elasticsearch or Lucene, archive event logs";
  }

  @Override
  public Class<CollectorConfig> configType() {
    return CollectorConfig.class;
  }

  @Override
  public String exampleConfig() {
    return ComponentFactory.resourceText(CollectorFactory.class, EXAMPLE_RESOURCE);
  }

  @Override
  public Service create(CollectorConfig config) {
    ComponentOps ops = ComponentOps.create(name(), config.http(), CollectorConfig.DEFAULT_PORT);
    return CompositeService.of(name(), ops);
  }
}
