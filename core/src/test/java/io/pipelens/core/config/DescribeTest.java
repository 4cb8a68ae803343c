package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.config.AgentLikeConfig.Http;
import io.pipelens.core.config.AgentLikeConfig.Input;
import io.pipelens.core.config.AgentLikeConfig.Kafka;
import io.pipelens.core.config.AgentLikeConfig.Output;
import io.pipelens.core.config.AgentLikeConfig.Stream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescribeTest {

  private static AgentLikeConfig config(Secret password) {
    return new AgentLikeConfig(
        Path.of("/data"),
        new Http(null, 8080),
        List.of(new Input(List.of("/var/log/*.log"), null, Stream.BUSINESS)),
        List.of(new Output("primary",
            new Kafka("kafka:9092", "events", "1", password, null, Duration.ofMillis(1500)))),
        Duration.ofMinutes(2),
        DataSize.ofBytes(10_000_000),
        false,
        0.5,
        Map.of("version", "1.10"));
  }

  @Test
  void writesTheEffectiveConfigurationWithSecretsHidden() {
    assertThat(ConfigLoader.describe(config(Secret.of("hunter2hunter2")))).isEqualTo("""
        data_dir: /data
        http:
          host: 0.0.0.0
          port: 8080
        inputs:
        - paths:
          - /var/log/*.log
          exclude: []
          stream: business
        outputs:
        - name: primary
          kafka:
            bootstrap_servers: kafka:9092
            topic: events
            acks: "1"
            password: "[hidden]"
            retries: 3
            request_timeout: 1500ms
        flush_interval: 2m
        max_batch_size: 10MB
        enabled: false
        sample_ratio: 0.5
        labels:
          version: "1.10\"""");
  }

  @Test
  void readsBackAsTheSameConfiguration() throws Exception {
    AgentLikeConfig config = config(null);

    String yaml = ConfigLoader.describe(config);

    assertThat(ConfigLoader.create(Map.of()).parse(yaml, "described", AgentLikeConfig.class)).isEqualTo(config);
  }

  @Test
  void showsNullsAndEmptyRecords() {
    record Empty() {}
    record Holder(String name, Empty empty) {}

    assertThat(ConfigLoader.describe(new Holder(null, new Empty()))).isEqualTo("name: null\nempty: {}");
  }
}
