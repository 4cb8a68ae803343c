package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/pipelens demo} as a child process, as a newcomer runs it, against the jar this Maven
 * run built, on free ports and a data directory of the test's; and what the demo tests ask of it:
 * waiting for a condition while it runs, its JSON answers and metrics, and a clean stop.
 */
final class DemoRun implements AutoCloseable {

  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final ObjectMapper JSON = new ObjectMapper();

  final int historyPort;
  final int collectorPort;
  final int agentPort;
  final int serverlessAgentPort;
  final long launchedNanos;
  private final Path dir;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private DemoRun(Path dir, List<String> extraArgs, Map<String, String> extraEnv) throws IOException {
    this.dir = dir;
    historyPort = freePort();
    collectorPort = freePort();
    agentPort = freePort();
    serverlessAgentPort = freePort();
    List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/pipelens").toString(), "demo",
        "--data-dir", dataDir().toString(), "--history-port", Integer.toString(historyPort),
        "--collector-port", Integer.toString(collectorPort), "--agent-port", Integer.toString(agentPort),
        "--serverless-agent-port", Integer.toString(serverlessAgentPort)));
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile());
    // The jar was just built by this Maven run; never start a nested Maven build from a test.
    builder.environment().put("PIPELENS_NO_BUILD", "1");
    builder.environment().putAll(extraEnv);
    launchedNanos = System.nanoTime();
    process = builder.start();
  }

  /** Starts the demo with {@code extraArgs} and {@code extraEnv}, its files under {@code dir}. */
  static DemoRun start(Path dir, List<String> extraArgs, Map<String, String> extraEnv) throws IOException {
    return new DemoRun(dir, extraArgs, extraEnv);
  }

  Path dataDir() {
    return dir.resolve("demo");
  }

  long millisSinceLaunch() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedNanos);
  }

  /** What the demo printed on standard output so far. */
  String output() throws IOException {
    return Files.readString(dir.resolve("out.log"));
  }

  /** Calls {@code probe} until it returns non-null; fails when the demo exits or after {@code timeout}. */
  <T> T await(String what, Duration timeout, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("pipelens demo exited with " + process.exitValue() + " while waiting until " + what
            + ": " + Files.readString(dir.resolve("err.log")) + lastLines(dir.resolve("out.log")));
      }
      try {
        T value = probe.call();
        if (value != null) {
          return value;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; demo output: "
        + lastLines(dir.resolve("out.log")), last);
  }

  /** The history server's JSON answer to {@code pathAndQuery}; null unless it answered 200. */
  JsonNode historyJson(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = get(URI.create("http://127.0.0.1:" + historyPort + pathAndQuery));
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  /**
   * The web UI's log API's hits for application {@code appId} and {@code filters} (already a query
   * string, such as {@code &executor=2}) with text {@code text}, once there are at least {@code
   * atLeast}; null before.
   */
  JsonNode logHits(String appId, String filters, String text, int atLeast) throws Exception {
    JsonNode answer = historyJson("/ui/api/logs?app=" + appId + filters + "&size=100&q="
        + URLEncoder.encode(text, StandardCharsets.UTF_8));
    return answer != null && answer.path("hits").size() >= atLeast ? answer.path("hits") : null;
  }

  /** The first sample of counter {@code name} whose labels hold {@code label} on {@code port}; 0 if none. */
  double counter(int port, String name, String label) throws Exception {
    String body = get(URI.create("http://127.0.0.1:" + port + "/metrics")).body();
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label)
        + "[^}]*\\} (\\S+)$").matcher(body);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  /** SIGTERM, then what a clean stop means: exit 0, no process left behind, nothing on stderr. */
  void stopCleanly() throws Exception {
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(ExitCode.OK);
    assertThat(process.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    assertThat(Files.readString(dir.resolve("err.log"))).isEmpty();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String lastLines(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
