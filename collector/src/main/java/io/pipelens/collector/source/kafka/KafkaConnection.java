package io.pipelens.collector.source.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The client properties every Kafka client of the collector shares (the consumer and the dead
 * letter producer): brokers, TLS and SASL.
 */
public final class KafkaConnection {

  private KafkaConnection() {}

  /** Bootstrap servers and security settings for {@code config}, as a new mutable map. */
  public static Map<String, Object> properties(KafkaSourceConfig config) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.brokers()));
    boolean tls = config.tls() != null;
    boolean sasl = config.sasl() != null;
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        tls ? (sasl ? "SASL_SSL" : "SSL") : (sasl ? "SASL_PLAINTEXT" : "PLAINTEXT"));
    if (tls && config.tls().caFile() != null) {
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.tls().caFile().toString());
    }
    if (sasl) {
      KafkaSaslConfig auth = config.sasl();
      String module = auth.mechanism().equals("PLAIN")
          ? "org.apache.kafka.common.security.plain.PlainLoginModule"
          : "org.apache.kafka.common.security.scram.ScramLoginModule";
      props.put(SaslConfigs.SASL_MECHANISM, auth.mechanism());
      props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\""
          + jaasQuoted(auth.username()) + "\" password=\"" + jaasQuoted(auth.password().value()) + "\";");
    }
    return props;
  }

  // JAAS reads a quoted value with backslash escapes; a quote in a password must not end it.
  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
