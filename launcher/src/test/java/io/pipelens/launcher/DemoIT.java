package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.testsupport.Browsers;
import io.pipelens.testsupport.browser.Browser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private static final String FAILED_APP = "local-1422981780767";
  private static final String EXECUTOR_FAILURES_APP = "app-20161115172038-0000";
  private static final String RUNNING_APP = "application_1553914137147_0018";
  private static final Path SCREENSHOTS = Path.of("target", "demo-screenshots");
  private static final String APPS = "/api/v1/applications";

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void theFleetReachesTheHistoryServerAndTheIndexAndStopsCleanly() throws Exception {
    try (DemoRun demo = DemoRun.start(dir, List.of(), Map.of())) {
      JsonNode listed = demo.await("the history server lists the four applications", WAIT, () -> {
        JsonNode answer = demo.historyJson(APPS);
        return answer != null && answer.size() == 4 ? answer : null;
      });
      System.out.printf("DemoIT: the history server listed the demo's applications %d ms after the launch%n",
          demo.millisSinceLaunch());
      List<String> ids = new ArrayList<>();
      listed.forEach(app -> ids.add(app.get("id").asText()));
      assertThat(ids).containsExactlyInAnyOrder(FAILED_APP, EXECUTOR_FAILURES_APP, RUNNING_APP,
          "application_1578436911597_0052");

      JsonNode running = demo.historyJson(APPS + "?status=running");
      assertThat(running).hasSize(1);
      assertThat(running.get(0).get("id").asText()).isEqualTo(RUNNING_APP);
      JsonNode failedJobs = demo.historyJson(APPS + "/" + FAILED_APP + "/jobs?status=failed");
      assertThat(failedJobs).hasSize(1);
      assertThat(failedJobs.get(0).get("numFailedTasks").asInt()).isEqualTo(1);
      JsonNode failedTasks = demo.historyJson(APPS + "/" + EXECUTOR_FAILURES_APP
          + "/stages/0/0/taskList?status=failed&length=100");
      assertThat(failedTasks).hasSize(10);

      // The failed application's exception, found in its logs through the web UI's log API, which
      // reads the index the collector writes.
      JsonNode failure = demo.await("the failed task's exception is searchable", WAIT, () ->
          demo.logHits(FAILED_APP, "", "got a 3, failing", 1));
      assertThat(failure).anySatisfy(hit -> assertThat(hit.get("message").asText())
          .startsWith("Exception in task 3.0 in stage 2.0 (TID 19)\n"
              + "java.lang.RuntimeException: got a 3, failing\n\tat $line11."));
      // ... and the executors' own exceptions of the application that recovered from them:
      // 6 failed tasks on executor 2, an engine and a business line each.
      JsonNode executorErrors = demo.await("the executors' exceptions are searchable", WAIT, () ->
          demo.logHits(EXECUTOR_FAILURES_APP, "&executor=2", "bad exec", 12));
      assertThat(executorErrors).allSatisfy(hit ->
          assertThat(hit.get("pod").asText()).isEqualTo("text-dedup-minhash-exec-2"));
      assertThat(executorErrors).anySatisfy(hit ->
          assertThat(hit.get("message").asText()).contains("\tat org.apache.spark.executor."));

      clickFromTheFailedApplicationToItsLogLine("http://127.0.0.1:" + demo.historyPort);

      // Records flow: every hop counts them.
      assertThat(demo.counter(demo.agentPort, "pipelens_agent_output_sent_records_total", "output=\"channel\""))
          .isPositive();
      assertThat(demo.counter(demo.serverlessAgentPort, "pipelens_agent_output_sent_records_total",
          "output=\"channel\"")).isPositive();
      assertThat(demo.counter(demo.collectorPort, "pipelens_collector_received_records_total",
          "source=\"channel\"")).isPositive();
      assertThat(demo.counter(demo.collectorPort, "pipelens_collector_sent_records_total", "output=\"lucene\""))
          .isPositive();

      // The running application grows while the demo runs: its archive gets more lines.
      double archived = demo.counter(demo.collectorPort, "pipelens_collector_sent_records_total",
          "output=\"archive\"");
      assertThat(archived).isPositive();
      demo.await("the running application's event log grows", WAIT, () -> demo.counter(demo.collectorPort,
          "pipelens_collector_sent_records_total", "output=\"archive\"") > archived ? true : null);

      assertThat(demo.output()).contains("http://localhost:" + demo.historyPort + "/ui/apps");
      demo.stopCleanly();
    }
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
      assertThat(driver.findElement(By.cssSelector("table.data tbody")).getText())
          .as("team, priority and namespace from the properties spark-submit recorded")
          .contains("search-data").contains("vision-data").contains("high").contains("low");
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
}
