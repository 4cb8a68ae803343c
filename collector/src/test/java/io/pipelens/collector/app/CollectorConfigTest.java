package io.pipelens.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.config.DataSize;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

  private static CollectorConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.create(Map.of()).parse(yaml, "collector.yaml", CollectorConfig.class);
  }

  @Test
  void theExampleLoadsWithTheDocumentedDefaults() throws ConfigException {
    CollectorConfig config = parse(new CollectorFactory().exampleConfig());
    assertThat(config.kafka().groupId()).isEqualTo("pipelens-collector");
    assertThat(config.kafka().topics())
        .containsExactly("pipelens-events", "pipelens-engine-logs", "pipelens-business-logs");
    assertThat(config.otlp().http().port()).isEqualTo(4318);
    assertThat(config.otlp().maxRequestSize()).isEqualTo(DataSize.ofMebibytes(8));
    assertThat(config.elasticsearch().bulk().maxActions()).isEqualTo(5000);
    assertThat(config.elasticsearch().bulk().maxSize()).isEqualTo(DataSize.ofMebibytes(5));
    assertThat(config.elasticsearch().bulk().flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.elasticsearch().bulk().concurrency()).isEqualTo(2);
    assertThat(config.elasticsearch().deadLetter().kafkaTopic()).isEqualTo("pipelens-dlq");
    assertThat(ConfigLoader.describe(config)).doesNotContain("replace-me");
  }

  @Test
  void sectionsAreOptionalSoTheDemoRunsWithOpsOnly() throws ConfigException {
    CollectorConfig config = parse("http: {port: 0}\n");
    assertThat(config.kafka()).isNull();
    assertThat(config.elasticsearch()).isNull();
  }

  @Test
  void sectionsDefaultTheirOwnKeys() throws ConfigException {
    CollectorConfig config = parse("""
        kafka: {brokers: ["k:9092"]}
        elasticsearch: {urls: ["http://es:9200"]}
        """);
    assertThat(config.kafka().maxPollRecords()).isEqualTo(500);
    assertThat(config.elasticsearch().indexPrefix()).isEqualTo("logs");
  }

  @Test
  void aSourceWithoutElasticsearchIsAnError() {
    assertThatThrownBy(() -> parse("kafka: {brokers: [\"k:9092\"]}\n"))
        .hasMessage("collector.yaml: elasticsearch: missing: the kafka source needs an elasticsearch section to write to");
  }

  @Test
  void aDeadLetterTopicNeedsKafka() {
    assertThatThrownBy(() -> parse("elasticsearch: {urls: [\"http://es:9200\"]}\n"))
        .hasMessageStartingWith("collector.yaml: elasticsearch.dead_letter: a kafka_topic needs the kafka section");
    assertThatThrownBy(() -> parse("elasticsearch: {urls: [\"es:9200\"], dead_letter: {file: /tmp/x}}\n"))
        .hasMessageContaining("elasticsearch.urls").hasMessageContaining("must be an http:// or https:// URL");
  }

  @Test
  void otlpNeedsATokenAndRoomForOneRequest() {
    String es = "elasticsearch: {urls: [\"http://es:9200\"], dead_letter: {file: /tmp/x}}\n";
    assertThatThrownBy(() -> parse(es + "otlp: {}\n")).hasMessageContaining("otlp.tokens: missing required key");
    assertThatThrownBy(() -> parse(es + "otlp: {tokens: [{token: t, team: a}], max_request_size: 8MiB,"
        + " max_in_flight_bytes: 1MiB}\n"))
        .hasMessageContaining("otlp.max_in_flight_bytes").hasMessageContaining("must be at least max_request_size");
  }
}
