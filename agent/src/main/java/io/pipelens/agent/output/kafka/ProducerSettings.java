package io.pipelens.agent.output.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The producer properties of a {@link KafkaOutputConfig}. */
final class ProducerSettings {

  private ProducerSettings() {}

  /**
   * The properties for {@code config}: at-least-once settings first, then the configured ones,
   * then {@code properties} (which cannot touch acks or idempotence, see the config's checks).
   *
   * @throws IOException if a TLS key or certificate file cannot be read
   */
  static Map<String, Object> of(KafkaOutputConfig config) throws IOException {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.brokers()));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) config.batchSize().bytes());
    props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) config.maxRequestSize().bytes());
    props.put(
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, config.maxInFlight());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
    // The output's own budget bounds what it hands the producer; the producer's buffer must hold
    // all of it, or send() would block on memory before the budget ever does.
    long bufferMemory =
        Math.max(32L << 20, config.maxPending().bytes() + config.maxRequestSize().bytes());
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferMemory);
    putSecurity(config, props);
    props.putAll(config.properties());
    return props;
  }

  private static void putSecurity(KafkaOutputConfig config, Map<String, Object> props)
      throws IOException {
    KafkaOutputConfig.Tls tls = config.tls();
    KafkaOutputConfig.Sasl sasl = config.sasl();
    String protocol =
        sasl == null
            ? (tls.enabled() ? "SSL" : "PLAINTEXT")
            : (tls.enabled() ? "SASL_SSL" : "SASL_PLAINTEXT");
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
    if (tls.enabled()) {
      if (tls.insecureSkipVerify()) {
        props.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, InsecureSslEngineFactory.class);
        props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
      }
      if (tls.caFile() != null) {
        props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, read(tls.caFile(), "tls.ca_file"));
      }
      if (tls.certFile() != null) {
        props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        props.put(
            SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(tls.certFile(), "tls.cert_file"));
        props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(tls.keyFile(), "tls.key_file"));
      }
    }
    if (sasl != null) {
      props.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism());
      String module =
          sasl.mechanism().equals("PLAIN")
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
      props.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          module
              + " required username=\""
              + jaasQuoted(sasl.username())
              + "\" password=\""
              + jaasQuoted(sasl.password().value())
              + "\";");
    }
  }

  private static String read(Path file, String key) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IOException("Cannot read " + key + " " + file + ": " + e.getMessage(), e);
    }
  }

  // JAAS values are double-quoted; a quote or backslash in a password must not end the value.
  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
