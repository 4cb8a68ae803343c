package io.pipelens.agent.bench;

import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.TestServers;

/**
 * A Kafka broker for {@code bench/agent/kafka.sh}: the tests' broker ({@link TestServers#kafka()}),
 * started in a JVM of its own. Prints {@code bootstrap <host:port>} once it accepts clients and
 * runs until its standard input closes or it is killed.
 */
public final class KafkaBroker {

  private KafkaBroker() {}

  public static void main(String[] args) throws Exception {
    KafkaServer kafka = TestServers.kafka();
    kafka.start();
    System.out.println("bootstrap " + kafka.bootstrapServers());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the end of standard input
    }
    kafka.stop();
    System.exit(0); // the broker's own threads would keep the JVM alive
  }
}
