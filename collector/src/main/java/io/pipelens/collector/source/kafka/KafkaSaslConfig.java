package io.pipelens.collector.source.kafka;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;

/**
 * SASL authentication to the Kafka brokers, as the agent has it.
 *
 * @param mechanism {@code PLAIN} (the default), {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
 * @param username the user; required
 * @param password the password; required
 */
public record KafkaSaslConfig(String mechanism, String username, Secret password) {

  public KafkaSaslConfig {
    mechanism = mechanism == null ? "PLAIN" : mechanism;
    Checks.oneOf("mechanism", mechanism, "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    Checks.required("username", username);
    Checks.required("password", password);
  }
}
