package io.pipelens.testsupport.docker;

import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.TestServerStartException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in a container ({@code apache/kafka}, KRaft). Testcontainers already sets every internal
 * topic to replication factor 1 and the initial rebalance delay to 0. Use {@link
 * io.pipelens.testsupport.TestServers#kafka()} rather than this class.
 */
public final class DockerKafkaServer implements KafkaServer {

  private static final String IMAGE = "apache/kafka:4.1.1";
  private static final int KAFKA_PORT = 9092;
  private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);
  private static final String DISPLAY_NAME = "Kafka container";

  private final KafkaContainer container;

  private DockerKafkaServer(KafkaContainer container) {
    this.container = container;
  }

  /**
   * Starts the container and removes it when the JVM exits.
   *
   * @throws TestServerStartException if it does not start
   */
  public static DockerKafkaServer launch() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    // The broker advertises host:port in its start script; a pinned port keeps that right after
    // a restart.
    ContainerControl.pinToFreeHostPort(container, KAFKA_PORT);
    ContainerControl.startOnce(container, DISPLAY_NAME);
    return new DockerKafkaServer(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public synchronized void start() {
    if (!isRunning()) {
      ContainerControl.resume(container, DISPLAY_NAME, RESTART_TIMEOUT, this::pendingBroker);
    }
  }

  @Override
  public synchronized void stop() {
    if (isRunning()) {
      ContainerControl.pause(container);
    }
  }

  @Override
  public boolean isRunning() {
    return container.isRunning();
  }

  private Optional<String> pendingBroker() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
      admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of("describeCluster failed: " + e.getCause());
    } catch (TimeoutException e) {
      return Optional.of("describeCluster got no answer within 5 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
