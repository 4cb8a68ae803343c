package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.testsupport.Browsers;
import io.pipelens.testsupport.browser.Browser;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code bin/pipelens demo} as a newcomer runs it, against the jar {@code mvn package} built: the
 * synthetic fleet's logs go through the agents, the in-process channel and the collector into the
 * Lucene index and the event-log archive, and the history server replays the archive and shows
 * the indexed log lines in its web UI, driven here in a real browser.
 */
class DemoIT {

  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final String FAILED_APP = "local-1422981780767";
  private static final String EXECUTOR_FAILURES_APP = "app-20161115172038-0000";
  private static final String RUNNING_APP = "application_1553914137147_0018";
  private static final Path SCREENSHOTS = Path.of("target", "demo-screenshots");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theFleetReachesTheHistoryServerAndTheIndexAndStopsCleanly() throws Exception {
    int history = freePort();
    int collector = freePort();
    int agent = freePort();
    int serverlessAgent = freePort();
    Path data = dir.resolve("demo");
    ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/pipelens").toString(), "demo",
        "--data-dir", data.toString(), "--history-port", Integer.toString(history),
        "--collector-port", Integer.toString(collector), "--agent-port", Integer.toString(agent),
        "--serverless-agent-port", Integer.toString(serverlessAgent))
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile());
    // The jar was just built by this Maven run; never start a nested Maven build from a test.
    builder.environment().put("PIPELENS_NO_BUILD", "1");
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      URI apps = URI.create("http://127.0.0.1:" + history + "/api/v1/applications");
      JsonNode listed = await("the history server lists the four applications", process, () -> {
        JsonNode answer = getJson(apps);
        return answer != null && answer.size() == 4 ? answer : null;
      });
      System.out.printf("DemoIT: the history server listed the demo's applications %d ms after the launch%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      List<String> ids = new ArrayList<>();
      listed.forEach(app -> ids.add(app.get("id").asText()));
      assertThat(ids).containsExactlyInAnyOrder(FAILED_APP, EXECUTOR_FAILURES_APP, RUNNING_APP,
          "application_1578436911597_0052");

      JsonNode running = getJson(URI.create(apps + "?status=running"));
      assertThat(running).hasSize(1);
      assertThat(running.get(0).get("id").asText()).isEqualTo(RUNNING_APP);
      JsonNode failedJobs = getJson(URI.create(apps + "/" + FAILED_APP + "/jobs?status=failed"));
      assertThat(failedJobs).hasSize(1);
      assertThat(failedJobs.get(0).get("numFailedTasks").asInt()).isEqualTo(1);
      JsonNode failedTasks = getJson(URI.create(apps + "/" + EXECUTOR_FAILURES_APP
          + "/stages/0/0/taskList?status=failed&length=100"));
      assertThat(failedTasks).hasSize(10);

      // The failed application's exception, found in its logs through the web UI's log API, which
      // reads the index the collector writes.
      String logs = "http://127.0.0.1:" + history + "/ui/api/logs?app=";
      JsonNode failure = await("the failed task's exception is searchable", process, () ->
          hits(logs + FAILED_APP + "&q=" + encode("got a 3, failing"), 1));
      assertThat(failure).anySatisfy(hit -> assertThat(hit.get("message").asText())
          .startsWith("Exception in task 3.0 in stage 2.0 (TID 19)\n"
              + "java.lang.RuntimeException: got a 3, failing\n\tat $line11."));
      // ... and the executors' own exceptions of the application that recovered from them:
      // 6 failed tasks on executor 2, an engine and a business line each.
      JsonNode executorErrors = await("the executors' exceptions are searchable", process, () ->
          hits(logs + EXECUTOR_FAILURES_APP + "&executor=2&q=" + encode("bad exec"), 12));
      assertThat(executorErrors).allSatisfy(hit ->
          assertThat(hit.get("pod").asText()).isEqualTo("text-dedup-minhash-exec-2"));
      assertThat(executorErrors).anySatisfy(hit ->
          assertThat(hit.get("message").asText()).contains("\tat org.apache.spark.executor."));

      clickFromTheFailedApplicationToItsLogLine("http://127.0.0.1:" + history);

      // Records flow: every hop counts them.
      assertThat(counter(agent, "pipelens_agent_output_sent_records_total", "output=\"channel\"")).isPositive();
      assertThat(counter(serverlessAgent, "pipelens_agent_output_sent_records_total", "output=\"channel\"")).isPositive();
      assertThat(counter(collector, "pipelens_collector_received_records_total", "source=\"channel\"")).isPositive();
      assertThat(counter(collector, "pipelens_collector_sent_records_total", "output=\"lucene\"")).isPositive();
      assertThat(counter(collector, "pipelens_collector_sent_records_total", "output=\"archive\"")).isPositive();

      // The running application grows while the demo runs: its archive gets more lines.
      double archived = counter(collector, "pipelens_collector_sent_records_total", "output=\"archive\"");
      await("the running application's event log grows", process, () ->
          counter(collector, "pipelens_collector_sent_records_total", "output=\"archive\"") > archived ? true : null);

      assertThat(Files.readString(dir.resolve("out.log"))).contains("http://localhost:" + history + "/api/v1/applications");

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(ExitCode.OK);
      assertThat(process.descendants().filter(ProcessHandle::isAlive).count()).isZero();
      assertThat(Files.readString(dir.resolve("err.log"))).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  /** The hits of a log API query once there are at least {@code atLeast}; null before. */
  private JsonNode hits(String uri, int atLeast) throws Exception {
    JsonNode answer = getJson(URI.create(uri + "&size=100"));
    return answer != null && answer.path("hits").size() >= atLeast ? answer.path("hits") : null;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * What the README tells a newcomer to click, in a real browser: the failed applications, the
   * failed one, its failed stage, the failed task's log lines. The screenshots are the README's.
   */
  private void clickFromTheFailedApplicationToItsLogLine(String base) throws Exception {
    try (Browser browser = Browsers.launch()) {
      WebDriver driver = browser.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      browser.open(URI.create(base + "/ui/apps"));
      assertThat(driver.findElements(By.cssSelector("table.data tbody tr[data-href]"))).hasSize(4);
      browser.screenshotFullPage(SCREENSHOTS.resolve("demo-applications.png"), 1600);

      new Select(driver.findElement(By.id("f-status"))).selectByValue("failed");
      driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
      wait.until(d -> d.getCurrentUrl().contains("status=failed"));
      driver.findElement(By.linkText(FAILED_APP)).click();
      wait.until(d -> d.findElement(By.tagName("h1")).getText().contains(FAILED_APP));
      driver.findElement(By.cssSelector("section[aria-labelledby=stages-heading] tr.row-failed a")).click();
      wait.until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Stage 2."));
      driver.findElement(By.cssSelector("article.failed-task a.logs-link")).click();
      wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Logs of task 19"));
      WebElement match = wait.until(d -> d.findElement(By.cssSelector("#log-lines li.match")));
      assertThat(match.getText()).contains("java.lang.RuntimeException: got a 3, failing");
      Object inView = ((JavascriptExecutor) driver).executeScript(
          "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;", match);
      assertThat(inView).as("the page scrolled to the line that explains the failure").isEqualTo(true);
      browser.screenshot(SCREENSHOTS.resolve("demo-task-logs.png"));
    }
  }

  private double counter(int port, String name, String label) throws Exception {
    String body = get(URI.create("http://127.0.0.1:" + port + "/metrics")).body();
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label)
        + "[^}]*\\} (\\S+)$").matcher(body);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private <T> T await(String what, Process process, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("pipelens demo exited with " + process.exitValue() + " while waiting until " + what
            + ": " + Files.readString(dir.resolve("err.log")) + Files.readString(dir.resolve("out.log")));
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
    throw new AssertionError("not within 60 s: " + what, last);
  }

  private JsonNode getJson(URI uri) throws Exception {
    HttpResponse<String> response = get(uri);
    return response.statusCode() == 200 ? json.readTree(response.body()) : null;
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
