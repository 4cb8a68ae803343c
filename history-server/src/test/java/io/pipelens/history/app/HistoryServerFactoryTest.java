package io.pipelens.history.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.runtime.component.ComponentFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HistoryServerFactoryTest {

  @Test
  void theLauncherFindsTheHistoryServer() {
    assertThat(ServiceLoader.load(ComponentFactory.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            factory -> {
              assertThat(factory).isInstanceOf(HistoryServerFactory.class);
              assertThat(factory.name()).isEqualTo("history-server");
              assertThat(factory.configType()).isEqualTo(HistoryServerConfig.class);
              assertThat(factory.exampleConfig()).contains("log_directories:");
            });
  }
}
