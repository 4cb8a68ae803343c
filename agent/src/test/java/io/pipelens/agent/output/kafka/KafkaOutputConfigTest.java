package io.pipelens.agent.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.config.DataSize;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaOutputConfigTest {

  private static final ConfigLoader LOADER = ConfigLoader.create(Map.of("KAFKA_PASSWORD", "pa\"ss"));

  @Test
  void everyKeyHasItsDefault() throws Exception {
    KafkaOutputConfig config = parse("brokers: [kafka-0.kafka:9092]\n");

    assertThat(config.topics())
        .containsEntry("event", "pipelens-events")
        .containsEntry("engine", "pipelens-engine-logs")
        .containsEntry("business", "pipelens-business-logs");
    assertThat(config.compression()).isEqualTo("lz4");
    assertThat(config.batchSize()).isEqualTo(DataSize.ofKibibytes(1023));
    // The producer's pooled buffer, a byte[] of batch.size with its 16-byte header, fits one 1 MiB
    // G1 region.
    assertThat(config.batchSize().bytes() + 16).isLessThanOrEqualTo(1L << 20);
    assertThat(config.linger()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.maxRequestSize()).isEqualTo(DataSize.ofMebibytes(8));
    assertThat(config.acks()).isEqualTo("all");
    assertThat(config.idempotence()).isTrue();
    assertThat(config.tls().enabled()).isFalse();
    assertThat(config.sasl()).isNull();
    assertThat(config.clientId()).isEqualTo("pipelens-agent");
    assertThat(config.maxInFlight()).isEqualTo(5);
    assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofDays(24));
    assertThat(config.maxPending()).isEqualTo(DataSize.ofMebibytes(64));
  }

  @Test
  void topicsReplaceDefaultsOneByOneAndUnknownStreamsGoToBusiness() throws Exception {
    KafkaOutputConfig config = parse("brokers: ['[::1]:9092']\ntopics: {engine: my-engine}\n");

    assertThat(config.topicFor("engine")).isEqualTo("my-engine");
    assertThat(config.topicFor("event")).isEqualTo("pipelens-events");
    assertThat(config.topicFor(null)).isEqualTo("pipelens-business-logs");
    assertThat(config.topicFor("gossip")).isEqualTo("pipelens-business-logs");
  }

  @Test
  void refusesWhatWouldWeakenAtLeastOnce() throws Exception {
    assertThatThrownBy(() -> parse("brokers: [k:9092]\nacks: 1\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("acks: invalid value \"1\": must be all:")
        .hasMessageContaining("at-least-once");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\nidempotence: false\n"))
        .hasMessageContaining("idempotence: invalid value false: must be true");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\nproperties: {acks: '0'}\n"))
        .hasMessageContaining("properties.acks: may not be set here:");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\nproperties: {enable.idempotence: 'false'}\n"))
        .hasMessageContaining("properties.enable.idempotence: may not be set here:");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\nmax_in_flight: 6\n"))
        .hasMessageContaining("max_in_flight: invalid value 6: must be between 1 and 5");
  }

  @Test
  void reportsBadValuesAtTheirKey() throws Exception {
    assertThatThrownBy(() -> parse("topics: {engine: x}\n")).hasMessageContaining("brokers: missing required key");
    assertThatThrownBy(() -> parse("brokers: [kafka]\n"))
        .hasMessageContaining("brokers: invalid value \"kafka\": must be host:port");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\ncompression: brotli\n"))
        .hasMessageContaining("compression: invalid value \"brotli\": must be one of lz4, zstd, gzip, snappy, none");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\ntopics: {logs: x}\n"))
        .hasMessageContaining("topics.logs: unknown stream");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\ntopics: {engine: 'bad topic'}\n"))
        .hasMessageContaining("topics.engine: invalid value \"bad topic\": must be a Kafka topic name");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\ndelivery_timeout: 10s\n"))
        .hasMessageContaining("delivery_timeout: invalid value 10s: must be at least linger + request.timeout.ms");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\nsasl: {mechanism: GSSAPI, username: u, password: p}\n"))
        .hasMessageContaining("sasl.mechanism: invalid value \"GSSAPI\"");
    assertThatThrownBy(() -> parse("brokers: [k:9092]\ntls: {cert_file: /c.pem}\n"))
        .hasMessageContaining("tls.key_file: cert_file and key_file go together");
  }

  @Test
  void producerSettingsAreAtLeastOnceWithSaslOverTls() throws Exception {
    KafkaOutputConfig config =
        parse(
            "brokers: [a:9092, b:9093]\n"
                + "compression: zstd\n"
                + "tls: {insecure_skip_verify: true}\n"
                + "sasl: {mechanism: SCRAM-SHA-512, username: agent, password: '${KAFKA_PASSWORD}'}\n"
                + "properties: {linger.ms: '7'}\n");

    Map<String, Object> props = ProducerSettings.of(config);

    assertThat(props)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "a:9092,b:9093")
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "7");
    assertThat(props.get("sasl.jaas.config").toString())
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"agent\""
                + " password=\"pa\\\"ss\";");
    // The secret stays out of the effective configuration that is logged.
    assertThat(ConfigLoader.describe(config)).doesNotContain("pa\"ss").contains("[hidden]");
  }

  private static KafkaOutputConfig parse(String yaml) throws io.pipelens.core.config.ConfigException {
    return LOADER.parse(yaml, "kafka.yaml", KafkaOutputConfig.class);
  }
}
