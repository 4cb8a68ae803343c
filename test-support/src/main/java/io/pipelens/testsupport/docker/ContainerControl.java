package io.pipelens.testsupport.docker;

import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.Await;
import io.pipelens.testsupport.internal.FreePorts;
import io.pipelens.testsupport.internal.ShutdownHooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.testcontainers.containers.GenericContainer;

/**
 * Starts, pauses and resumes containers the way {@link io.pipelens.testsupport.TestServer}
 * promises: an outage keeps the address and the data. Testcontainers' own {@code stop()} removes
 * the container, and a new one would get new ports and empty storage, so an outage is a {@code
 * docker stop} and {@code docker start} of the same container, with the host port pinned at
 * creation because Docker assigns new random host ports on every start.
 */
final class ContainerControl {

  private static final int LOG_TAIL_CHARACTERS = 6_000;

  private ContainerControl() {}

  /** Publishes {@code containerPort} on a fixed free host port instead of a random one. */
  static int pinToFreeHostPort(GenericContainer<?> container, int containerPort) {
    int hostPort = FreePorts.pick();
    List<String> bindings = new ArrayList<>(container.getPortBindings());
    bindings.add(hostPort + ":" + containerPort);
    container.setPortBindings(bindings);
    return hostPort;
  }

  /**
   * Creates and starts the container, and removes it when the JVM exits.
   *
   * @throws TestServerStartException with the tail of the container log if it does not start
   */
  static void startOnce(GenericContainer<?> container, String displayName) {
    try {
      container.start();
    } catch (RuntimeException e) {
      throw new TestServerStartException(
          displayName + " (" + container.getDockerImageName() + ") did not start: " + e.getMessage()
              + logTail(container),
          e);
    }
    ShutdownHooks.register(displayName, container::stop);
  }

  /** Stops the container's processes and keeps the container, its data and its port bindings. */
  static void pause(GenericContainer<?> container) {
    container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(30).exec();
  }

  /**
   * Starts a paused container again and waits for {@code readiness}.
   *
   * @throws TestServerStartException if it is not ready in time
   */
  static void resume(
      GenericContainer<?> container, String displayName, Duration timeout, Await.Check readiness) {
    try {
      container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
      Await.until(displayName, timeout, readiness);
    } catch (TimeoutException | RuntimeException e) {
      throw new TestServerStartException(
          displayName + " did not restart: " + e.getMessage() + logTail(container), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestServerStartException(displayName + " restart interrupted", e);
    }
  }

  private static String logTail(GenericContainer<?> container) {
    try {
      String logs = container.getLogs();
      return "\n--- end of the container log ---\n"
          + logs.substring(Math.max(0, logs.length() - LOG_TAIL_CHARACTERS));
    } catch (RuntimeException e) {
      return "\n(container log unavailable: " + e.getMessage() + ")";
    }
  }
}
