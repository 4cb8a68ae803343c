package io.pipelens.testsupport.docker;

import io.pipelens.testsupport.ElasticsearchServer;
import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.ElasticsearchHealth;
import java.net.URI;
import java.time.Duration;
import org.testcontainers.elasticsearch.ElasticsearchContainer;

/**
 * Elasticsearch in a container (the official image, the same version as the local backend), over
 * plain HTTP with security disabled. Use {@link
 * io.pipelens.testsupport.TestServers#elasticsearch()} rather than this class.
 */
public final class DockerElasticsearchServer implements ElasticsearchServer {

  private static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.19.7";
  private static final int HTTP_PORT = 9200;
  private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(120);
  private static final String DISPLAY_NAME = "Elasticsearch container";

  private final ElasticsearchContainer container;
  private final URI httpUri;

  private DockerElasticsearchServer(ElasticsearchContainer container) {
    this.container = container;
    this.httpUri = URI.create("http://" + container.getHttpHostAddress());
  }

  /**
   * Starts the container and removes it when the JVM exits.
   *
   * @throws TestServerStartException if it does not start
   */
  public static DockerElasticsearchServer launch() {
    ElasticsearchContainer container =
        new ElasticsearchContainer(IMAGE)
            // Security is on by default since 8.0 (TLS and a password); tests use plain HTTP.
            .withEnv("xpack.security.enabled", "false")
            // Testcontainers defaults to a 2 GB heap; ES_JAVA_OPTS is applied after it and wins.
            .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
            .withEnv("action.destructive_requires_name", "false")
            .withStartupTimeout(Duration.ofSeconds(180));
    ContainerControl.pinToFreeHostPort(container, HTTP_PORT);
    ContainerControl.startOnce(container, DISPLAY_NAME);
    return new DockerElasticsearchServer(container);
  }

  @Override
  public URI httpUri() {
    return httpUri;
  }

  @Override
  public synchronized void start() {
    if (!isRunning()) {
      ContainerControl.resume(
          container, DISPLAY_NAME, RESTART_TIMEOUT, () -> ElasticsearchHealth.pending(httpUri));
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
}
