package io.pipelens.testsupport.local;

import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.SecureKafkaServer;
import io.pipelens.testsupport.TestCertificates;
import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.ShutdownHooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
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
public class LocalKafkaServer implements KafkaServer {

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

  LocalKafkaServer(KafkaClusterTestKit cluster) {
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
    return launch("kafka", Map.of(), cluster -> new LocalKafkaServer(cluster));
  }

  /**
   * Like {@link #launch()}, with a second listener, {@code SECURE}, that takes {@code SASL_SSL}:
   * TLS with a certificate made for this run ({@link TestCertificates}) and SASL/PLAIN with one
   * user. The test kit itself only knows plaintext listeners, so the listener is added through the
   * broker's own settings, which the kit leaves alone when they are given.
   */
  public static Secure launchSecure() {
    TestCertificates certificates;
    try {
      certificates = TestCertificates.generate(RunDirectory.claim(RunDirectory.moduleTarget(), "kafka-tls"));
    } catch (java.io.IOException e) {
      throw new TestServerStartException("No directory for Kafka's test certificate: " + e, e);
    }
    String user = "pipelens-agent";
    String password = "agent-secret-" + Long.toHexString(System.nanoTime());
    String limitedPassword = "limited-secret-" + Long.toHexString(System.nanoTime());
    Map<String, String> settings = new HashMap<>();
    settings.put("listeners", "EXTERNAL://localhost:0,SECURE://localhost:0,CONTROLLER://localhost:0");
    settings.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:SASL_SSL");
    settings.put("listener.name.secure.sasl.enabled.mechanisms", "PLAIN");
    settings.put("listener.name.secure.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
            + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\" user_"
            + Secure.LIMITED_USER + "=\"" + limitedPassword + "\";");
    // ACLs, so that a test can take a permission away: the plain listeners (the broker's own
    // clients, the test's) and the first user may do anything; the limited user what it is granted.
    settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    settings.put("super.users", "User:ANONYMOUS;User:" + user);
    settings.put("listener.name.secure.ssl.keystore.type", "PKCS12");
    settings.put("listener.name.secure.ssl.keystore.location", certificates.keyStore().toString());
    settings.put("listener.name.secure.ssl.keystore.password", certificates.password());
    settings.put("listener.name.secure.ssl.key.password", certificates.password());
    return launch("kafka-tls-broker", settings,
        cluster -> new Secure(cluster, certificates, user, password, limitedPassword));
  }

  private static <T extends LocalKafkaServer> T launch(String name, Map<String, String> extra,
      java.util.function.Function<KafkaClusterTestKit, T> server) {
    long started = System.nanoTime();
    KafkaClusterTestKit cluster = null;
    try {
      Path directory = RunDirectory.claim(RunDirectory.moduleTarget(), name);
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
      extra.forEach(builder::setConfigProp);
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
    T launched = server.apply(cluster);
    LocalKafkaServer local = launched;
    ShutdownHooks.register(name, local.cluster::close);
    LOG.info(
        "Kafka (in-process KRaft) is up at {} after {} ms",
        local.bootstrapServers,
        (System.nanoTime() - started) / 1_000_000);
    return launched;
  }

  /** {@link #launchSecure()}'s broker. */
  public static final class Secure extends LocalKafkaServer implements SecureKafkaServer {
    static final String LIMITED_USER = "pipelens-limited";
    private final TestCertificates certificates;
    private final String username;
    private final String password;
    private final String limitedPassword;

    private Secure(KafkaClusterTestKit cluster, TestCertificates certificates, String username, String password,
        String limitedPassword) {
      super(cluster);
      this.certificates = certificates;
      this.username = username;
      this.password = password;
      this.limitedPassword = limitedPassword;
    }

    @Override
    public String limitedUsername() {
      return LIMITED_USER;
    }

    @Override
    public String limitedPassword() {
      return limitedPassword;
    }

    @Override
    public String saslSslBootstrapServers() {
      // Bound now, not remembered: port 0 picks a new one if the broker restarts.
      return "localhost:" + broker().boundPort(ListenerName.normalised("SECURE"));
    }

    @Override
    public TestCertificates certificates() {
      return certificates;
    }

    @Override
    public String username() {
      return username;
    }

    @Override
    public String password() {
      return password;
    }
  }

  BrokerServer broker() {
    return broker;
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
