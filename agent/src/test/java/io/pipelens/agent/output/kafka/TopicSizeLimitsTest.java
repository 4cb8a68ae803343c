package io.pipelens.agent.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.config.ConfigLoader;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;

class TopicSizeLimitsTest {

  @Test
  void theAdminClientConnectsAsTheProducerDoesWithoutItsProducerOnlySettings() throws Exception {
    KafkaOutputConfig config =
        ConfigLoader.create(Map.of())
            .parse(
                "brokers: [k1:9093, k2:9093]\n"
                    + "client_id: node-7\n"
                    + "sasl: {mechanism: PLAIN, username: agent, password: s3cret}\n"
                    + "properties: {reconnect.backoff.ms: '250', linger.ms: '20'}\n",
                "kafka.yaml",
                KafkaOutputConfig.class);

    Map<String, Object> admin = TopicSizeLimits.adminSettings(ProducerSettings.of(config));

    assertThat(admin)
        .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "k1:9093,k2:9093")
        .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT")
        .containsEntry(SaslConfigs.SASL_MECHANISM, "PLAIN")
        .containsKey(SaslConfigs.SASL_JAAS_CONFIG)
        .containsEntry(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "250")
        .containsEntry(CommonClientConfigs.CLIENT_ID_CONFIG, "node-7-topic-limits");
    assertThat(admin)
        .doesNotContainKeys(
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.BATCH_SIZE_CONFIG,
            ProducerConfig.LINGER_MS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.BUFFER_MEMORY_CONFIG);
  }

  @Test
  void nothingIsKnownWhileTheClusterCannotBeReachedAndCloseStopsAsking() throws Exception {
    TopicSizeLimits limits =
        new TopicSizeLimits("out", Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"));
    limits.written("a");
    limits.written("a");
    Thread.sleep(200);
    assertThat(limits.smallest()).isNull();
    limits.close();
    limits.written("b"); // after close: ignored, no exception
    assertThat(limits.smallest()).isNull();
  }
}
