package io.pipelens.testsupport;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one node) with every internal topic
 * at replication factor 1, so consumer groups and transactions work on one broker, and no initial
 * rebalance delay, so a new consumer group gets its partitions at once.
 *
 * <p>Topics are auto-created on first use with 1 partition; create them with an {@code Admin}
 * client when a test needs more.
 */
public interface KafkaServer extends TestServer {

  /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:40123}. */
  String bootstrapServers();
}
