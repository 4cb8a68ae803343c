package io.pipelens.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.collector.source.otlp.OtlpGrpcConfig;
import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.config.DataSize;
import java.nio.file.Path;
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
    assertThat(config.otlp().grpc().port()).isEqualTo(4317);
    assertThat(config.otlp().tls()).isNull();
    assertThat(config.otlp().metrics()).isEqualTo(io.pipelens.collector.prometheus.OtlpMetricsConfig.defaults());
    assertThat(config.otlp().maxRequestSize()).isEqualTo(DataSize.ofMebibytes(8));
    assertThat(config.elasticsearch().bulk().maxActions()).isEqualTo(5000);
    assertThat(config.elasticsearch().bulk().maxSize()).isEqualTo(DataSize.ofMebibytes(5));
    assertThat(config.elasticsearch().bulk().flushInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.elasticsearch().bulk().concurrency()).isEqualTo(2);
    assertThat(config.elasticsearch().deadLetter().kafkaTopic()).isEqualTo("pipelens-dlq");
    assertThat(ConfigLoader.describe(config)).doesNotContain("replace-me");
    assertThat(config.dataDir()).isEqualTo(Path.of(CollectorConfig.DEFAULT_DATA_DIR));
    assertThat(config.lucene().commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.lucene().maxPendingDocuments()).isEqualTo(100_000);
  }

  @Test
  void theExamplesArchiveSectionLoadsWhenUncommented() throws ConfigException {
    String example = new CollectorFactory().exampleConfig()
        .replace("# archive:", "archive:").replace("#   directory:", "  directory:")
        .replace("#   max_file_size:", "  max_file_size:").replace("#   roll_interval:", "  roll_interval:")
        .replace("#   max_pending_size:", "  max_pending_size:").replace("#   index_events:", "  index_events:");
    CollectorConfig config = parse(example);
    assertThat(config.archive().directory()).hasToString("file:///var/log/spark-events");
    assertThat(config.archive().maxFileSize()).isEqualTo(DataSize.ofMebibytes(128));
    assertThat(config.archive().maxPendingSize()).isEqualTo(DataSize.ofMebibytes(512));
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
  void aSourceWithoutElasticsearchWritesToTheEmbeddedLuceneIndex() throws ConfigException {
    CollectorConfig config = parse("kafka: {brokers: [\"k:9092\"]}\n");
    assertThat(config.usesElasticsearch()).isFalse();
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/pipelens/collector"));
    assertThat(config.luceneIndexDir()).isEqualTo(Path.of("/var/lib/pipelens/collector/index"));
    assertThat(config.lucene().commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.archive()).isNull();
  }

  @Test
  void otlpGrpcIsServedByDefaultOn4317AndCanBeTurnedOff() throws ConfigException {
    String tokens = "  tokens: [{token: t, team: a}]\n";
    assertThat(parse("otlp:\n" + tokens).otlp().grpc()).isEqualTo(new OtlpGrpcConfig(true, "0.0.0.0", 4317));
    assertThat(parse("otlp:\n  grpc: {}\n" + tokens).otlp().grpc().port()).isEqualTo(4317);
    assertThat(parse("otlp:\n  grpc: {enabled: false}\n" + tokens).otlp().grpc().enabled()).isFalse();
    // Turned off, its port cannot clash with the HTTP one.
    assertThat(parse("otlp:\n  http: {port: 4317}\n  grpc: {enabled: false}\n" + tokens).otlp().http().port())
        .isEqualTo(4317);
    assertThatThrownBy(() -> parse("otlp:\n  http: {port: 4317}\n" + tokens))
        .hasMessageContaining("otlp.grpc.port").hasMessageContaining("must differ from http.port");
    assertThatThrownBy(() -> parse("otlp:\n  grpc: {enabled: maybe}\n" + tokens))
        .hasMessageContaining("otlp.grpc.enabled");
    assertThatThrownBy(() -> parse("otlp:\n  http: {port: 5000}\n  grpc: {port: 5000}\n" + tokens))
        .hasMessageContaining("otlp.grpc.port").hasMessageContaining("must differ from http.port");
  }

  @Test
  void theExamplesAgentConfigsSectionLoadsWhenUncommentedAndNeedsOtlp() throws ConfigException {
    String example = new CollectorFactory().exampleConfig()
        .replace("# agent_configs: {", "agent_configs: {");
    CollectorConfig config = parse(example);
    assertThat(config.agentConfigs().directory()).isEqualTo(Path.of("/etc/pipelens/agent-configs"));
    assertThat(config.agentConfigs().reloadInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> parse("agent_configs: {directory: /etc/x}\n"))
        .hasMessageContaining("agent_configs").hasMessageContaining("add an otlp section");
  }

  @Test
  void kafkaSessionTimeoutAndHeartbeatDefaultLikeKafkaAndMustFit() throws ConfigException {
    var kafka = parse("kafka: {brokers: [\"k:9092\"]}\n").kafka();
    assertThat(kafka.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(kafka.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(parse("kafka: {brokers: [\"k:9092\"], session_timeout: 6s}\n").kafka().heartbeatInterval())
        .isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> parse("kafka: {brokers: [\"k:9092\"], session_timeout: 6s, heartbeat_interval: 6s}\n"))
        .hasMessageContaining("kafka.heartbeat_interval").hasMessageContaining("must be below session_timeout (6s)");
    assertThatThrownBy(() -> parse("kafka: {brokers: [\"k:9092\"], session_timeout: 1h}\n"))
        .hasMessageContaining("kafka.session_timeout");
  }

  @Test
  void otlpTlsFilesMustBeReadable() {
    assertThatThrownBy(() -> parse("otlp:\n  tls: {cert_file: /nonexistent/cert.pem, key_file: /nonexistent/key.pem}\n"
        + "  tokens: [{token: t, team: a}]\n"))
        .hasMessageContaining("otlp.tls.cert_file").hasMessageContaining("is not a readable file");
  }

  @Test
  void dataDirMustBeAbsolute() {
    assertThatThrownBy(() -> parse("data_dir: relative/dir\n"))
        .hasMessageContaining("data_dir").hasMessageContaining("must be an absolute path");
  }

  @Test
  void theArchiveTakesADirectoryOrABucketWithItsDefaults() throws ConfigException {
    CollectorConfig local = parse("archive: {directory: \"file:///var/log/spark-events\"}\n");
    assertThat(local.archive().objectStore()).isFalse();
    assertThat(local.archive().maxFileSize()).isEqualTo(DataSize.ofMebibytes(128));
    assertThat(local.archive().rollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(local.archive().indexEvents()).isFalse();
    CollectorConfig s3 = parse("""
        archive:
          uri: s3://logs/spark/events/
          endpoint: http://minio:9000
          path_style: true
          access_key: ak
          secret_key: sk
          max_file_size: 64MiB
          roll_interval: 5s
        """);
    assertThat(s3.archive().bucket()).isEqualTo("logs");
    assertThat(s3.archive().prefix()).isEqualTo("spark/events/");
    assertThat(s3.archive().pathStyle()).isTrue();
    assertThat(s3.archive().region()).isEqualTo("us-east-1");
    assertThat(ConfigLoader.describe(s3)).doesNotContain("sk");
    assertThatThrownBy(() -> parse("archive: {directory: \"file:///a\", uri: \"s3://b\"}\n"))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> parse("archive: {uri: \"s3://b\", access_key: ak}\n"))
        .hasMessageContaining("secret_key");
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
