package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.agent.app.AgentConfig;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.launcher.demo.SyntheticFleet;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every combination of the demo's options gives configurations the components' strict loaders take. */
class DemoConfigsTest {

  @TempDir
  Path dir;

  private final ConfigLoader loader = ConfigLoader.create(Map.of());

  private DemoConfigs configs(Map<String, String> env, String... args) throws UsageException {
    List<String> all = new java.util.ArrayList<>(List.of("--data-dir", dir.toString()));
    all.addAll(List.of(args));
    DemoOptions options = DemoOptions.parse(all);
    return new DemoConfigs(options, SyntheticFleet.standard(dir.resolve("fleet")), env);
  }

  @Test
  void theEmbeddedDefaults() throws Exception {
    DemoConfigs configs = configs(Map.of());
    CollectorConfig collector = loader.parse(configs.collector(), "collector", CollectorConfig.class);
    assertThat(collector.channel().name()).isEqualTo(DemoConfigs.CHANNEL);
    assertThat(collector.kafka()).isNull();
    assertThat(collector.usesElasticsearch()).isFalse();
    assertThat(collector.luceneIndexDir()).isEqualTo(dir.resolve("collector/index"));
    assertThat(collector.archive().directory()).isEqualTo(dir.resolve("event-archive").toUri());
    HistoryServerConfig history = loader.parse(configs.historyServer(), "history server", HistoryServerConfig.class);
    assertThat(history.logDirectories()).hasSize(1);
    assertThat(history.http().portOr(0)).isEqualTo(18080);
    AgentConfig fixed = loader.parse(configs.fixedAgent(), "agent", AgentConfig.class);
    assertThat(fixed.outputs()).singleElement().satisfies(o -> assertThat(o.channel().name()).isEqualTo("demo"));
    assertThat(fixed.inputs()).hasSize(3);
    AgentConfig serverless = loader.parse(configs.serverlessAgent(), "serverless agent", AgentConfig.class);
    assertThat(serverless.enrichment().computeType().wireName()).isEqualTo("serverless");
    assertThat(serverless.http().portOr(0)).isEqualTo(9402);
  }

  @Test
  void everyEmbeddedPartSwitchedForARealOne() throws Exception {
    DemoConfigs configs = configs(Map.of(DemoConfigs.S3_ENDPOINT_ENV, "http://127.0.0.1:9000",
            DemoConfigs.S3_REGION_ENV, "eu-west-1"),
        "--with-kafka", "kafka-0.kafka:9092", "--with-elasticsearch", "https://es.example:9200",
        "--object-store", "s3://logs/spark-events");
    CollectorConfig collector = loader.parse(configs.collector(), "collector", CollectorConfig.class);
    assertThat(collector.kafka().brokers()).containsExactly("kafka-0.kafka:9092");
    assertThat(collector.channel()).isNull();
    assertThat(collector.elasticsearch().urls()).hasSize(1);
    assertThat(collector.archive().uri()).isEqualTo(URI.create("s3://logs/spark-events"));
    assertThat(collector.archive().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(collector.archive().pathStyle()).isTrue();
    assertThat(collector.archive().region()).isEqualTo("eu-west-1");
    HistoryServerConfig history = loader.parse(configs.historyServer(), "history server", HistoryServerConfig.class);
    assertThat(history.logDirectories().get(0).toString()).isEqualTo("s3://logs/spark-events");
    assertThat(history.s3().pathStyleAccess()).isTrue();
    for (String agent : List.of(configs.fixedAgent(), configs.serverlessAgent())) {
      AgentConfig config = loader.parse(agent, "agent", AgentConfig.class);
      assertThat(config.outputs()).singleElement()
          .satisfies(o -> assertThat(o.kafka().brokers()).containsExactly("kafka-0.kafka:9092"));
    }
  }

  @Test
  void badValuesAreUsageErrors() {
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--with-kafka", "nohostport")))
        .isInstanceOf(UsageException.class).hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--with-elasticsearch", "es:9200")))
        .isInstanceOf(UsageException.class).hasMessageContaining("http://");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--object-store", "/tmp/x")))
        .isInstanceOf(UsageException.class).hasMessageContaining("s3://bucket/prefix");
  }
}
