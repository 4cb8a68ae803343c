package io.pipelens.testsupport.local;

import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that runs as a child process and can be stopped and started again with the same command:
 * starts it, waits for its readiness check, and on failure stops it and reports why with the tail
 * of its logs.
 */
final class ServerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

  // Both servers stop in 2-4 s after SIGTERM; a hung one is killed after this.
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String displayName;
  private final String processName;
  private final ProcessBuilder command;
  private final Path log;
  private final Await.Check readiness;
  private final Duration startTimeout;
  private final List<Path> moreLogs = new ArrayList<>();
  private ChildProcess process;

  /**
   * @param displayName names the server in logs and errors, e.g. "local Elasticsearch 8.19.7"
   * @param processName names its pid file, e.g. "elasticsearch"
   * @param command starts the server in the foreground; reused for every start
   * @param log receives the process's stdout and stderr
   * @param readiness passes once the server serves requests
   * @param startTimeout how long readiness may take
   */
  ServerProcess(
      String displayName,
      String processName,
      ProcessBuilder command,
      Path log,
      Await.Check readiness,
      Duration startTimeout) {
    this.displayName = displayName;
    this.processName = processName;
    this.command = command;
    this.log = log;
    this.readiness = readiness;
    this.startTimeout = startTimeout;
  }

  /** Adds a log file whose tail a start failure shows too, e.g. the server's own log. */
  ServerProcess alsoShowOnFailure(Path otherLog) {
    moreLogs.add(otherLog);
    return this;
  }

  /**
   * Starts the process unless it runs, and waits until it is ready.
   *
   * @throws TestServerStartException if it exits or is not ready in time
   */
  synchronized void start() {
    if (isRunning()) {
      return;
    }
    long started = System.nanoTime();
    try {
      process = ChildProcess.start(processName, command, log);
      Await.until(displayName, startTimeout, this::pendingReadiness);
    } catch (IOException | RuntimeException | TimeoutException e) {
      throw startFailure(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw startFailure("interrupted while waiting for it", e);
    }
    LOG.info(
        "{} is up after {} ms (log: {})", displayName, (System.nanoTime() - started) / 1_000_000, log);
  }

  /** Stops the process and its descendants; does nothing if it is not running. */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    try {
      process.stop(STOP_GRACE);
      process = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop " + displayName, e);
    }
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  private Optional<String> pendingReadiness() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the process " + process.state());
    }
    return readiness.pending();
  }

  private TestServerStartException startFailure(String reason, Exception cause) {
    StringBuilder message =
        new StringBuilder(displayName).append(" did not start: ").append(reason);
    if (process != null) {
      message.append(process.logTail());
      moreLogs.forEach(other -> message.append(LogTail.of(other, 30)));
      try {
        process.stop(STOP_GRACE);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
      process = null;
    }
    return new TestServerStartException(message.toString(), cause);
  }
}
