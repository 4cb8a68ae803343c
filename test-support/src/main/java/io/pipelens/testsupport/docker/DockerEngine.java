package io.pipelens.testsupport.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine is usable. The quick check looks at {@code DOCKER_HOST} and the usual
 * socket paths and pings the engine, in at most a few seconds and without logging. It comes first
 * because Testcontainers, asked on a machine without an engine, tries every strategy it knows and
 * logs an error for each.
 */
public final class DockerEngine {

  private static final long TIMEOUT_MILLIS = 2_000;

  private DockerEngine() {}

  /**
   * Why no Docker engine answers at {@code DOCKER_HOST} or, without it, at the usual socket paths;
   * empty when one does. A TCP {@code DOCKER_HOST} counts as answering when it accepts a
   * connection, since it may require TLS.
   */
  public static Optional<String> whyNotAnswering() {
    String dockerHost = System.getenv("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isBlank()) {
      return probe(URI.create(dockerHost.trim()));
    }
    List<Path> candidates = defaultSockets();
    for (Path socket : candidates) {
      if (Files.exists(socket)) {
        return ping(socket);
      }
    }
    return Optional.of("DOCKER_HOST is not set and there is no Docker socket at " + candidates);
  }

  /** Why Testcontainers cannot use a Docker engine; empty when it can. May log and take seconds. */
  public static Optional<String> whyTestcontainersCannotUseIt() {
    return DockerClientFactory.instance().isDockerAvailable()
        ? Optional.empty()
        : Optional.of("Testcontainers found no usable Docker environment (its log above says why)");
  }

  private static List<Path> defaultSockets() {
    List<Path> sockets = new ArrayList<>();
    sockets.add(Path.of("/var/run/docker.sock"));
    String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
    if (runtimeDir != null && !runtimeDir.isBlank()) {
      sockets.add(Path.of(runtimeDir, "docker.sock")); // rootless Docker
    }
    Path home = Path.of(System.getProperty("user.home"));
    sockets.add(home.resolve(".docker/run/docker.sock")); // Docker Desktop
    sockets.add(home.resolve(".docker/desktop/docker.sock"));
    return sockets;
  }

  private static Optional<String> probe(URI dockerHost) {
    String scheme = dockerHost.getScheme() == null ? "" : dockerHost.getScheme();
    switch (scheme) {
      case "unix":
        return ping(Path.of(dockerHost.getPath()));
      case "tcp":
      case "http":
      case "https":
        return connect(dockerHost);
      default:
        // e.g. npipe:// on Windows: nothing quick to check, let Testcontainers decide.
        return Optional.empty();
    }
  }

  private static Optional<String> connect(URI dockerHost) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(dockerHost.getHost(), dockerHost.getPort()), (int) TIMEOUT_MILLIS);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("DOCKER_HOST=" + dockerHost + " does not accept connections: " + e);
    }
  }

  /** Sends {@code GET /_ping}, which the engine answers with 200 "OK". */
  private static Optional<String> ping(Path socket) {
    if (!Files.exists(socket)) {
      return Optional.of("there is no Docker socket at " + socket);
    }
    FutureTask<String> ping =
        new FutureTask<>(
            () -> {
              try (SocketChannel channel =
                  SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                channel.write(
                    ByteBuffer.wrap(
                        "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer answer = ByteBuffer.allocate(64);
                channel.read(answer);
                return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
              }
            });
    // A channel blocked in read() closes when its thread is interrupted, which cancel(true) does.
    Thread thread = new Thread(ping, "pipelens-docker-ping");
    thread.setDaemon(true);
    thread.start();
    try {
      String statusLine = ping.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).lines().findFirst().orElse("");
      return statusLine.matches("HTTP/1\\.[01] 200.*")
          ? Optional.empty()
          : Optional.of("the Docker socket " + socket + " answered '" + statusLine + "'");
    } catch (ExecutionException e) {
      return Optional.of("the Docker socket " + socket + " does not answer: " + e.getCause());
    } catch (TimeoutException e) {
      ping.cancel(true);
      return Optional.of(
          "the Docker socket " + socket + " did not answer within " + TIMEOUT_MILLIS + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while pinging " + socket);
    }
  }
}
