package io.pipelens.testsupport;

/**
 * A real server started for integration tests. {@link TestServers} hands out one started instance
 * per kind and JVM; tests share it, so a test that calls {@link #stop()} must call {@link #start()}
 * again (in a {@code finally}) before it ends.
 *
 * <p>Stopping and starting again keeps the address and the stored data, which is what outage tests
 * need: a client configured before the outage reconnects to the same place afterwards.
 */
public interface TestServer {

  /**
   * Starts the server again after {@link #stop()}, on the same address and data, and returns once
   * it serves requests. Does nothing if it is running.
   *
   * @throws TestServerStartException if it does not come up; the message says why
   */
  void start();

  /** Stops the server and waits until it no longer accepts connections. Does nothing if stopped. */
  void stop();

  /** Whether the server is up. */
  boolean isRunning();
}
