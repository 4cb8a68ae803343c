package io.pipelens.collector.deadletter;

import io.pipelens.core.config.Checks;
import java.nio.file.Path;

/**
 * Where records go that cannot be indexed: undecodable Kafka messages and documents Elasticsearch
 * rejects for good. One of the two; the Kafka topic by default.
 *
 * @param kafkaTopic the topic, on the brokers of the {@code kafka} section; {@value
 *     #DEFAULT_TOPIC} by default
 * @param file a file to append JSON lines to, instead of the topic
 */
public record DeadLetterConfig(String kafkaTopic, Path file) {

  /** The dead letter topic when none is configured. */
  public static final String DEFAULT_TOPIC = "pipelens-dlq";

  public DeadLetterConfig {
    Checks.require(kafkaTopic == null || file == null, "file", "set kafka_topic or file, not both");
    if (file == null) {
      kafkaTopic = kafkaTopic == null ? DEFAULT_TOPIC : kafkaTopic;
      Checks.require(kafkaTopic.matches("[a-zA-Z0-9._-]{1,249}"), "kafka_topic", kafkaTopic,
          "must be a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'");
    }
  }

  /** Whether dead letters go to {@link #file()} rather than a Kafka topic. */
  public boolean toFile() {
    return file != null;
  }
}
