package io.pipelens.collector.source.kafka;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The {@code kafka} section: the topics DaemonSet agents write OTLP protobuf batches to, read as
 * one consumer group.
 *
 * @param brokers {@code host:port} of one or more brokers; required
 * @param groupId the consumer group; {@value #DEFAULT_GROUP_ID} by default. Collectors of one
 *     group share the partitions, so scaling out is adding replicas
 * @param topics the topics to read; the three agent topics by default
 * @param maxPollRecords Kafka messages (each a batch of records) per poll; 500 by default
 * @param tls TLS to the brokers; plaintext when left out
 * @param sasl SASL authentication; none when left out
 * @param sessionTimeout how long the group coordinator waits for a heartbeat before it gives a
 *     silent collector's partitions to the others (a SIGKILLed or partitioned one); 45s by default
 *     (Kafka's). The broker accepts 6s to 30m unless its {@code group.min/max.session.timeout.ms}
 *     say otherwise
 * @param heartbeatInterval how often the consumer heartbeats; a third of {@code session_timeout},
 *     at most 3s, by default, and below {@code session_timeout}
 */
public record KafkaSourceConfig(
    List<String> brokers,
    String groupId,
    List<String> topics,
    Integer maxPollRecords,
    KafkaTlsConfig tls,
    KafkaSaslConfig sasl,
    Duration sessionTimeout,
    Duration heartbeatInterval) {

  /** The consumer group when none is configured. */
  public static final String DEFAULT_GROUP_ID = "pipelens-collector";

  /** The topics the agent writes its three streams to. */
  public static final List<String> DEFAULT_TOPICS =
      List.of("pipelens-events", "pipelens-engine-logs", "pipelens-business-logs");

  public KafkaSourceConfig {
    Checks.notEmpty("brokers", brokers);
    for (String broker : brokers) {
      Checks.require(broker.matches("[^\\s:/]+:\\d{1,5}"), "brokers", broker, "must be host:port");
    }
    groupId = groupId == null ? DEFAULT_GROUP_ID : groupId;
    Checks.require(!groupId.isBlank(), "group_id", "must not be blank");
    topics = topics == null ? DEFAULT_TOPICS : List.copyOf(topics);
    Checks.notEmpty("topics", topics);
    maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
    Checks.inRange("max_poll_records", maxPollRecords, 1, 100_000);
    sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(45) : sessionTimeout;
    Checks.require(sessionTimeout.compareTo(Duration.ofSeconds(1)) >= 0
        && sessionTimeout.compareTo(Duration.ofMinutes(30)) <= 0, "session_timeout", sessionTimeout,
        "must be between 1s and 30m (the broker's default bounds are 6s and 30m)");
    if (heartbeatInterval == null) {
      Duration third = sessionTimeout.dividedBy(3);
      heartbeatInterval = third.compareTo(Duration.ofSeconds(3)) < 0 ? third : Duration.ofSeconds(3);
    }
    Checks.positive("heartbeat_interval", heartbeatInterval);
    Checks.require(heartbeatInterval.compareTo(sessionTimeout) < 0, "heartbeat_interval", heartbeatInterval,
        "must be below session_timeout (" + Durations.format(sessionTimeout) + "); a third of it is usual");
  }
}
