package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/pipelens} as a newcomer does, against the jar that {@code mvn package} built:
 * real processes, real signals, real HTTP.
 */
class LauncherIT {

  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final Path LAUNCHER = REPO.resolve("bin/pipelens");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ProcessBuilder pipelens(String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    // The jar was just built by this Maven run; never start a nested Maven build from a test.
    builder.environment().put("PIPELENS_NO_BUILD", "1");
    return builder;
  }

  @Test
  void badConfigurationExitsTwoWithOneLineOnStderr() throws Exception {
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "http:\n  port: ${PIPELENS_IT_UNSET_PORT}\n");
    Process process = pipelens("agent", "--config", config.toString())
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile())
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(ExitCode.USAGE);
    List<String> stderr = Files.readAllLines(dir.resolve("err.log"));
    assertThat(stderr).hasSize(1);
    assertThat(stderr.get(0))
        .startsWith("pipelens agent: " + config + ": http.port: ")
        .contains("PIPELENS_IT_UNSET_PORT");
  }

  @Test
  void agentServesItsEndpointsAndStopsCleanlyOnSigterm() throws Exception {
    int port = freePort();
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "http:\n  host: 127.0.0.1\n  port: ${IT_PORT}\nlogging:\n  format: json\n");
    ProcessBuilder builder = pipelens("agent", "--config", config.toString())
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile());
    builder.environment().put("IT_PORT", Integer.toString(port));
    Process process = builder.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpResponse<String> health = awaitAnswer(base.resolve("/healthz"), process);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(get(base.resolve("/readyz")).statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(base.resolve("/metrics"));
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("pipelens_build_info{component=\"agent\"", "jvm_memory_used_bytes");

      long stopAsked = System.nanoTime();
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAsked);
      assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(ExitCode.OK);
      assertThat(stopMillis).isLessThan(10_000);
    } finally {
      process.destroyForcibly();
    }

    // --log-format json in the config: every stdout line is one JSON object.
    List<String> lines = Files.readAllLines(dir.resolve("out.log"), StandardCharsets.UTF_8);
    assertThat(lines).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode node = json.readTree(line);
      assertThat(node.has("@timestamp") && node.has("log.level") && node.has("message")).as(line).isTrue();
    }
    assertThat(lines).anyMatch(line -> line.contains("agent started"));
    assertThat(Files.readString(dir.resolve("err.log"))).isEmpty();
  }

  @Test
  void anAgentOutOfHeapExitsForARestartInsteadOfRunningOnWithADeadThread() throws Exception {
    // A heap too small for what the config lets the agent hold: one 80 MiB line it may keep whole.
    // Without -XX:+ExitOnOutOfMemoryError the reading thread died and the agent stayed up, sending
    // nothing (seen with the Kafka output at -Xmx64m and the default memory_budget).
    Path logs = Files.createDirectories(dir.resolve("logs"));
    byte[] line = new byte[80 << 20];
    java.util.Arrays.fill(line, (byte) 'x');
    line[line.length - 1] = '\n';
    Files.write(logs.resolve("big.log"), line);
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, """
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        inputs:
          - file:
              paths: [%s/*.log]
              max_line_size: 256MiB
            stream: business
        outputs:
          - file: {path: %s}
        pipeline: {memory_budget: 512MiB}
        """.formatted(dir.resolve("data"), logs, dir.resolve("out.ndjson")));
    ProcessBuilder builder = pipelens("agent", "--config", config.toString())
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile());
    builder.environment().put("JAVA_OPTS", "-Xmx48m");
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited once out of heap").isTrue();
      assertThat(process.exitValue()).as("the JVM's exit code for ExitOnOutOfMemoryError").isEqualTo(3);
      assertThat(Files.readString(dir.resolve("out.log")) + Files.readString(dir.resolve("err.log")))
          .contains("Terminating due to java.lang.OutOfMemoryError");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void mapsTheBuildsClassArchiveWithoutAWord() throws Exception {
    Path archive = REPO.resolve("launcher/target/pipelens.jsa");
    assertThat(archive).as("written by mvn package (ClassArchiveTraining)").isRegularFile();
    assertThat(Files.getLastModifiedTime(archive))
        .isGreaterThan(Files.getLastModifiedTime(REPO.resolve("launcher/target/pipelens.jar")));

    assertThat(versionClassSource(true)).isEqualTo("shared objects file (top)");
    assertThat(versionClassSource(false)).isNotEqualTo("shared objects file (top)");
  }

  /**
   * Runs {@code bin/pipelens --version}, with or without the archive, checks that it printed the
   * version and nothing else, and returns where the JVM loaded the launcher's main class from.
   */
  private String versionClassSource(boolean archive) throws Exception {
    Path classLog = dir.resolve("classes-" + archive + ".log");
    ProcessBuilder builder = pipelens("--version")
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile());
    builder.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    builder.environment().put("PIPELENS_CDS", archive ? "1" : "0");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(ExitCode.OK);
    assertThat(Files.readAllLines(dir.resolve("out.log"))).singleElement().asString().startsWith("pipelens ");
    assertThat(Files.readString(dir.resolve("err.log"))).isEmpty();
    String prefix = Main.class.getName() + " source: ";
    return Files.readAllLines(classLog).stream()
        .filter(line -> line.contains(prefix))
        .map(line -> line.substring(line.indexOf(prefix) + prefix.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError(Main.class.getName() + " not in " + classLog));
  }

  private HttpResponse<String> awaitAnswer(URI uri, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("pipelens exited with " + process.exitValue() + ": "
            + Files.readString(dir.resolve("err.log")) + Files.readString(dir.resolve("out.log")));
      }
      try {
        return get(uri);
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new AssertionError("no answer from " + uri + " within 60 s", last);
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
