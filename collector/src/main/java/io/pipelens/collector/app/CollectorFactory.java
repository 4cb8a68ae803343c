package io.pipelens.collector.app;

import io.pipelens.runtime.component.ComponentFactory;
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
    return Collector.create(config);
  }
}
