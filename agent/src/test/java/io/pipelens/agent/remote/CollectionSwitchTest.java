package io.pipelens.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.runtime.lifecycle.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A served configuration that cannot start leaves the previous one running, whatever its own stop
 * does; when the previous one cannot start again either, the switch says so instead of claiming a
 * rejection.
 */
class CollectionSwitchTest {

  /** What the collections built from configuration names did, in order. */
  private final List<String> events = new ArrayList<>();

  /**
   * A collection that logs its start and stop; named {@code fail-start...} it fails to start, and
   * with {@code -stop} in its name its stop throws too.
   */
  private Service collection(String config) {
    return new Service() {
      @Override
      public String name() {
        return config;
      }

      @Override
      public void start() {
        events.add("start " + config);
        if (config.startsWith("fail-start")) {
          throw new IllegalStateException(config + " cannot start");
        }
      }

      @Override
      public void stop(Duration deadline) {
        events.add("stop " + config);
        if (config.contains("-stop")) {
          throw new IllegalStateException(config + " cannot stop");
        }
      }
    };
  }

  private CollectionSwitch<String> switchStartedWith(String initial, Set<String> unbuildable) throws Exception {
    CollectionSwitch<String> collections = new CollectionSwitch<>(initial, config -> {
      if (unbuildable.contains(config)) {
        throw new IllegalArgumentException(config + " cannot be built");
      }
      return collection(config);
    }, new SimpleMeterRegistry(), Duration.ofSeconds(1));
    collections.start();
    return collections;
  }

  @Test
  void aConfigurationThatStartsReplacesTheRunningOne() throws Exception {
    CollectionSwitch<String> collections = switchStartedWith("a", Set.of());

    collections.apply("b");

    assertThat(collections.current()).isEqualTo("b");
    assertThat(events).containsExactly("start a", "stop a", "start b");
  }

  @Test
  void aConfigurationThatFailsToStartAndToStopLeavesThePreviousOneRunning() throws Exception {
    CollectionSwitch<String> collections = switchStartedWith("a", Set.of());

    assertThatThrownBy(() -> collections.apply("fail-start-stop"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fail-start-stop cannot start")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
            .containsExactly("fail-start-stop cannot stop"));

    assertThat(collections.current()).isEqualTo("a");
    assertThat(events).containsExactly(
        "start a", "stop a", "start fail-start-stop", "stop fail-start-stop", "start a");
    collections.stop(Duration.ofSeconds(1));
    assertThat(events).endsWith("stop a");
  }

  @Test
  void aRunningCollectionThatFailsToStopIsReplacedRegardless() throws Exception {
    CollectionSwitch<String> collections = switchStartedWith("a-stop", Set.of());

    collections.apply("b");

    assertThat(collections.current()).isEqualTo("b");
    assertThat(events).containsExactly("start a-stop", "stop a-stop", "start b");
  }

  @Test
  void whenThePreviousConfigurationCannotStartAgainNothingRunsAndTheSwitchSaysSo() throws Exception {
    Set<String> unbuildable = new java.util.HashSet<>();
    CollectionSwitch<String> collections = switchStartedWith("a", unbuildable);
    unbuildable.add("a"); // say, a file it names has gone since

    assertThatThrownBy(() -> collections.apply("fail-start"))
        .isInstanceOf(CollectionSwitch.NothingRunningException.class)
        .hasMessageContaining("fail-start cannot start")
        .hasMessageContaining("a cannot be built")
        .hasMessageContaining("nothing is collected")
        .cause().hasMessage("fail-start cannot start");

    assertThat(events).containsExactly("start a", "stop a", "start fail-start", "stop fail-start");
    collections.stop(Duration.ofSeconds(1)); // nothing left to stop
    assertThat(events).hasSize(4);
  }
}
