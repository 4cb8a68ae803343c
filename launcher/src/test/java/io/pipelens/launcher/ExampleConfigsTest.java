package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.component.ComponentFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The example each component prints with --help is a valid configuration. */
class ExampleConfigsTest {

  @Test
  void everyComponentIsFoundAndItsExampleLoads() throws ConfigException {
    List<String> names = new ArrayList<>();
    ConfigLoader loader = ConfigLoader.create(Map.of());
    for (ComponentFactory<?> factory : ServiceLoader.load(ComponentFactory.class)) {
      names.add(factory.name());
      ComponentConfig fromExample = loader.parse(factory.exampleConfig(), factory.name() + " example",
          factory.configType());
      assertThat(fromExample.logging()).as(factory.name()).isNotNull();
    }
    assertThat(names).containsExactlyInAnyOrder("agent", "collector", "history-server");
  }
}
