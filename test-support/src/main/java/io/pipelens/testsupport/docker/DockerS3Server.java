package io.pipelens.testsupport.docker;

import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.testcontainers.containers.MinIOContainer;

/**
 * An S3-compatible store in a container: MinIO, because S3Proxy has no official image that
 * Testcontainers supports. Use {@link io.pipelens.testsupport.TestServers#s3()} rather than this
 * class.
 */
public final class DockerS3Server implements S3Server {

  private static final String IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";
  private static final int S3_PORT = 9000;
  private static final String ACCESS_KEY = "pipelens-test";
  // MinIO rejects root passwords shorter than 8 characters.
  private static final String SECRET_KEY = "pipelens-test-secret";
  private static final String REGION = "us-east-1";
  private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);
  private static final String DISPLAY_NAME = "MinIO container";

  private final MinIOContainer container;
  private final URI endpoint;

  private DockerS3Server(MinIOContainer container) {
    this.container = container;
    this.endpoint = URI.create(container.getS3URL());
  }

  /**
   * Starts the container and removes it when the JVM exits.
   *
   * @throws TestServerStartException if it does not start
   */
  public static DockerS3Server launch() {
    MinIOContainer container =
        new MinIOContainer(IMAGE).withUserName(ACCESS_KEY).withPassword(SECRET_KEY);
    ContainerControl.pinToFreeHostPort(container, S3_PORT);
    ContainerControl.startOnce(container, DISPLAY_NAME);
    return new DockerS3Server(container);
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String accessKey() {
    return ACCESS_KEY;
  }

  @Override
  public String secretKey() {
    return SECRET_KEY;
  }

  @Override
  public String region() {
    return REGION;
  }

  @Override
  public synchronized void start() {
    if (!isRunning()) {
      ContainerControl.resume(container, DISPLAY_NAME, RESTART_TIMEOUT, this::pendingLiveness);
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

  private Optional<String> pendingLiveness() {
    try {
      HttpProbe.Answer answer = HttpProbe.get(endpoint.resolve("/minio/health/live"));
      return answer.status() == 200
          ? Optional.empty()
          : Optional.of("GET /minio/health/live answered " + answer.status());
    } catch (IOException e) {
      return Optional.of(HttpProbe.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
