package io.pipelens.testsupport.local;

import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServerStartException;
import io.pipelens.testsupport.internal.FreePorts;
import io.pipelens.testsupport.internal.HttpProbe;
import io.pipelens.testsupport.internal.ShutdownHooks;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * S3Proxy as a child JVM ({@code java -jar s3proxy-jar-with-dependencies.jar}) storing buckets as
 * directories under the module's {@code target/}. A child JVM, not an in-process server, because
 * S3Proxy's 160 dependencies (Jetty, jclouds, Azure SDK, logback at DEBUG) would clash with the
 * tests' own. Use {@link io.pipelens.testsupport.TestServers#s3()} rather than this class.
 */
public final class LocalS3Server implements S3Server {

  private static final String ACCESS_KEY = "pipelens-test";
  private static final String SECRET_KEY = "pipelens-test-secret";
  private static final String REGION = "us-east-1";

  // Measured 2-2.5 s to an open port.
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final URI endpoint;
  private final ServerProcess process;

  private LocalS3Server(URI endpoint, ProcessBuilder command, Path log) {
    this.endpoint = endpoint;
    this.process =
        new ServerProcess(
            "local S3Proxy at " + endpoint,
            "s3proxy",
            command,
            log,
            () -> LocalS3Server.pendingAnswer(endpoint),
            START_TIMEOUT);
  }

  /**
   * Starts S3Proxy on a free port, waits until it answers HTTP, and stops it when the JVM exits.
   *
   * @throws TestServerStartException if it does not answer
   */
  public static LocalS3Server launch() {
    LocalS3Server server;
    try {
      Path jar = ServerDistributions.s3proxyJar();
      Path directory = RunDirectory.claim(RunDirectory.moduleTarget(), "s3proxy");
      URI endpoint = URI.create("http://127.0.0.1:" + FreePorts.pick());
      Path properties = writeProperties(directory, endpoint);
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-XX:+UseSerialGC",
              "-jar",
              jar.toString(),
              "--properties",
              properties.toString());
      server =
          new LocalS3Server(
              endpoint,
              new ProcessBuilder(command).directory(directory.toFile()),
              directory.resolve("s3proxy.log"));
    } catch (IOException | RuntimeException e) {
      throw new TestServerStartException("Could not prepare a local S3Proxy: " + e.getMessage(), e);
    }
    ShutdownHooks.register("s3proxy", server::stop);
    server.start();
    return server;
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

  private static Path writeProperties(Path directory, URI endpoint) throws IOException {
    Path data = Files.createDirectories(directory.resolve("data"));
    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", endpoint.toString());
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    properties.setProperty("s3proxy.identity", ACCESS_KEY);
    properties.setProperty("s3proxy.credential", SECRET_KEY);
    // Newer AWS SDKs send headers S3Proxy does not know; it would answer 501 to those requests.
    properties.setProperty("s3proxy.ignore-unknown-headers", "true");
    properties.setProperty("jclouds.provider", "filesystem-nio2");
    properties.setProperty("jclouds.filesystem.basedir", data.toString());
    // filesystem-nio2 refuses to start without them, although it does not check them.
    properties.setProperty("jclouds.identity", "unused");
    properties.setProperty("jclouds.credential", "unused");
    Path file = directory.resolve("s3proxy.properties");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "S3Proxy for pipelens integration tests");
    }
    return file;
  }

  // Any HTTP answer will do: an unsigned request gets 403, which proves S3Proxy is serving.
  private static Optional<String> pendingAnswer(URI endpoint) {
    try {
      HttpProbe.get(endpoint);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(HttpProbe.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
