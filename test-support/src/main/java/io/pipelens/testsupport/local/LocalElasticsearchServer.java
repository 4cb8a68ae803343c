package io.pipelens.testsupport.local;

import io.pipelens.testsupport.ElasticsearchServer;
import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.ElasticsearchHealth;
import io.pipelens.testsupport.internal.ShutdownHooks;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Elasticsearch from the integ-test zip, as a child process tree (launcher JVM and server JVM) on
 * loopback ports, running as uid 65534 when the tests run as root. Use {@link
 * io.pipelens.testsupport.TestServers#elasticsearch()} rather than this class.
 */
public final class LocalElasticsearchServer implements ElasticsearchServer {

  // Measured 13-16 s on 2 cores; the rest is headroom for a machine busy with other builds.
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final ElasticsearchNode node;
  private final ServerProcess process;

  private LocalElasticsearchServer(ElasticsearchNode node) {
    this.node = node;
    this.process =
        new ServerProcess(
                "local Elasticsearch " + node.version() + " at " + node.httpUri(),
                "elasticsearch",
                node.command(),
                node.consoleLog(),
                () -> ElasticsearchHealth.pending(node.httpUri()),
                START_TIMEOUT)
            .alsoShowOnFailure(node.serverLog());
  }

  /**
   * Unpacks the distribution if needed, starts a node, waits until its health is yellow or green,
   * and stops it when the JVM exits.
   *
   * @throws TestServerStartException if it does not become healthy
   */
  public static LocalElasticsearchServer launch() {
    LocalElasticsearchServer server;
    try {
      boolean unprivileged = UnprivilegedUser.needed();
      ElasticsearchDistribution distribution =
          ElasticsearchDistribution.install(ServerDistributions.elasticsearchZip(), unprivileged);
      server = new LocalElasticsearchServer(ElasticsearchNode.create(distribution, unprivileged));
    } catch (IOException | RuntimeException e) {
      throw new TestServerStartException(
          "Could not prepare a local Elasticsearch node: " + e.getMessage(), e);
    }
    ShutdownHooks.register("elasticsearch", server::stop);
    server.start();
    return server;
  }

  @Override
  public URI httpUri() {
    return node.httpUri();
  }

  @Override
  public void start() {
    process.start();
  }

  @Override
  public void stop() {
    process.stop();
  }

  @Override
  public boolean isRunning() {
    return process.isRunning();
  }
}
