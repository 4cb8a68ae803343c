package io.pipelens.testsupport.local;

import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.ShutdownHooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.BrokerState;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka in this JVM: one combined broker and controller from Kafka's own {@link
 * KafkaClusterTestKit}, with its data in the module's {@code target/}. {@link #stop()} shuts down
 * only the broker, the way a broker outage looks to clients; {@link #start()} brings the same
 * broker back on the same port and log directories. Use {@link
 * io.pipelens.testsupport.TestServers#kafka()} rather than this class.
 */
public final class LocalKafkaServer implements KafkaServer {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaServer.class);

  // Measured 1.6-4 s; the test kit itself would wait forever for the broker to register.
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Broker settings for a one-broker cluster. Without a replication factor of 1 for the offsets
   * topic, a consumer with a group id silently receives nothing.
   */
  private static final Map<String, String> BROKER_SETTINGS =
      Map.of(
          "offsets.topic.replication.factor", "1",
          // One partition each: creating the default 50 takes seconds on a small machine.
          "offsets.topic.num.partitions", "1",
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "transaction.state.log.num.partitions", "1",
          "share.coordinator.state.topic.replication.factor", "1",
          "share.coordinator.state.topic.min.isr", "1",
          "group.initial.rebalance.delay.ms", "0",
          // A restarted broker is rejected (DUPLICATE_BROKER_REGISTRATION) until the session of
          // its previous incarnation expires, even after a clean shutdown: 9 s by default.
          "broker.session.timeout.ms", "3000",
          "broker.heartbeat.interval.ms", "500");

  private final KafkaClusterTestKit cluster;
  private final BrokerServer broker;
  private final String bootstrapServers;

  private LocalKafkaServer(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    this.broker = cluster.brokers().values().iterator().next();
    this.bootstrapServers = cluster.bootstrapServers();
  }

  /**
   * Formats and starts a one-node cluster, waits until the broker is ready, and closes the cluster
   * (deleting its data) when the JVM exits.
   *
   * @throws TestServerStartException if the cluster does not start
   */
  public static LocalKafkaServer launch() {
    long started = System.nanoTime();
    KafkaClusterTestKit cluster = null;
    try {
      Path directory = RunDirectory.claim(RunDirectory.moduleTarget(), "kafka");
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              // The default is the newest, unstable metadata version; test what users run.
              .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
              .setBaseDirectory(directory)
              .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      BROKER_SETTINGS.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      awaitReadyBroker(cluster);
    } catch (Exception e) {
      closeQuietly(cluster, e);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new TestServerStartException("In-process Kafka did not start: " + e, e);
    }
    LocalKafkaServer server = new LocalKafkaServer(cluster);
    ShutdownHooks.register("kafka", server.cluster::close);
    LOG.info(
        "Kafka (in-process KRaft) is up at {} after {} ms",
        server.bootstrapServers,
        (System.nanoTime() - started) / 1_000_000);
    return server;
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    long started = System.nanoTime();
    try {
      // The test kit's socket factory re-binds the port the broker had before.
      broker.startup();
      awaitReadyBroker(cluster);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new TestServerStartException(
          "In-process Kafka broker did not restart at " + bootstrapServers + ": " + e, e);
    }
    LOG.info(
        "Kafka broker restarted at {} after {} ms",
        bootstrapServers,
        (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public synchronized void stop() {
    if (broker.isShutdown()) {
      return;
    }
    broker.shutdown();
    broker.awaitShutdown();
  }

  @Override
  public synchronized boolean isRunning() {
    return broker.brokerState() == BrokerState.RUNNING;
  }

  private static void awaitReadyBroker(KafkaClusterTestKit cluster)
      throws InterruptedException, ExecutionException, TimeoutException {
    FutureTask<Void> ready =
        new FutureTask<>(
            () -> {
              cluster.waitForReadyBrokers();
              return null;
            });
    // Its own thread, not a pool's: the wait cannot be cancelled and may block for good.
    Thread waiter = new Thread(ready, "pipelens-kafka-ready");
    waiter.setDaemon(true);
    waiter.start();
    try {
      ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      ready.cancel(true);
      throw new TimeoutException(
          "the broker did not register with the controller within "
              + READY_TIMEOUT.toSeconds()
              + " s");
    }
  }

  private static void closeQuietly(KafkaClusterTestKit cluster, Exception failure) {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
