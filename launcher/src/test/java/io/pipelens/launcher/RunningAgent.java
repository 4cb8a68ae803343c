package io.pipelens.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/pipelens agent} as a separate process, for the agent's end-to-end tests: started from
 * the built jar ({@code PIPELENS_NO_BUILD=1}), its output in a log file, its metrics read from
 * {@code /metrics}. Started means {@code /metrics} answers.
 */
final class RunningAgent {

  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  private final Path config;
  private final Path log;
  private final int port;
  private final Map<String, String> environment;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  private RunningAgent(Path config, Path log, int port, Map<String, String> environment) {
    this.config = config;
    this.log = log;
    this.port = port;
    this.environment = environment;
  }

  /**
   * Writes {@code yaml} (without the {@code http} section, which this adds) to {@code dir} and
   * starts the agent on it.
   */
  static RunningAgent start(Path dir, String yaml, Map<String, String> environment) throws Exception {
    int port = freePort();
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "http: {host: 127.0.0.1, port: " + port + "}\n" + yaml);
    RunningAgent agent = new RunningAgent(config, dir.resolve("agent.log"), port, environment);
    agent.start();
    return agent;
  }

  private void start() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/pipelens").toString(), "agent", "--config",
        config.toString());
    builder.environment().put("PIPELENS_NO_BUILD", "1");
    builder.environment().put("JAVA_OPTS", "-Xmx256m");
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (metrics() == null) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the agent did not start; see " + log + ":\n" + tail());
      }
      Thread.sleep(50);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** The last lines of the agent's output, for failure messages. */
  String tail() {
    try {
      String text = Files.readString(log);
      return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it has not stopped in 20 s. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The sum of a metric's samples (every label set), or -1 if the agent does not answer. */
  double metric(String name) {
    String text = metrics();
    if (text == null) {
      return -1;
    }
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** The body of {@code /metrics}, or null while the agent does not answer. */
  String metrics() {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(2))
              .build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
