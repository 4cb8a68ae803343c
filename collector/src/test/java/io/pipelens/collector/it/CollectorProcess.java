package io.pipelens.collector.it;

import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.lifecycle.ServiceRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A collector in a child JVM, so a test can kill it the hard way: {@link #kill()} is SIGKILL, no
 * shutdown hook, no final commit, in-flight records lost with the process. The child runs {@link
 * #main} on this JVM's test class path, which is what {@code pipelens collector --config FILE}
 * runs minus the launcher's option parsing and log setup; the launcher jar is not used because the
 * collector module is built (and its ITs run) before the launcher is packaged.
 *
 * <p>Its output goes to {@code target/it-collectors/<name>.log}.
 */
final class CollectorProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path DIRECTORY = Path.of("target", "it-collectors");

  private final String name;
  private final Process process;
  private final int opsPort;

  private CollectorProcess(String name, Process process, int opsPort) {
    this.name = name;
    this.process = process;
    this.opsPort = opsPort;
  }

  /** The child's entry point: {@code args[0]} is the YAML configuration. */
  public static void main(String[] args) throws Exception {
    CollectorConfig config = ConfigLoader.create(System.getenv()).load(Path.of(args[0]), CollectorConfig.class);
    System.exit(ServiceRunner.runUntilStopped(Collector.create(config), config.shutdownTimeout()));
  }

  /**
   * Starts a collector with {@code yaml} (without an {@code http} section, which this adds with a
   * free port); {@link #awaitReady()} waits for it.
   */
  static CollectorProcess launch(String name, String yaml) throws Exception {
    Files.createDirectories(DIRECTORY);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = DIRECTORY.resolve(name + ".yaml");
    Files.writeString(config, "http: {host: 127.0.0.1, port: " + port + "}\n" + yaml);
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx768m", "-XX:+UseSerialGC",
        "-cp", classPath, CollectorProcess.class.getName(), config.toAbsolutePath().toString()))
        .redirectErrorStream(true)
        .redirectOutput(DIRECTORY.resolve(name + ".log").toFile())
        .start();
    // Should the test JVM end first, the collector must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
    return new CollectorProcess(name, process, port);
  }

  /** Waits until {@code /readyz} answers 200; kills the process if that takes over 60 s. */
  CollectorProcess awaitReady() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > end) {
        process.destroyForcibly();
        throw new IllegalStateException(this + " did not get ready; see its log in " + DIRECTORY.toAbsolutePath());
      }
      Thread.sleep(100);
    }
    return this;
  }

  private boolean ready() {
    try {
      return get("/readyz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The value of the counter or gauge {@code metric} (without {@code _total}) whose labels include
   * {@code label} (may be empty), or 0 if it has not been registered.
   */
  double meter(String metric, String label) throws IOException, InterruptedException {
    for (String line : get("/metrics").body().split("\n")) {
      int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
      String name = end < 0 ? line : line.substring(0, end);
      if ((name.equals(metric) || name.equals(metric + "_total")) && line.contains(label)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + path))
            .timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** SIGKILL, and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: a clean stop that commits what is stored; SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return "collector " + name + " (pid " + process.pid() + ")";
  }
}
