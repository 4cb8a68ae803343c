package io.pipelens.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.testsupport.Browsers;
import io.pipelens.testsupport.TestServers;
import io.pipelens.testsupport.browser.Browser;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The four steps in a real browser, over real Spark event logs and executor log lines that
 * went through the collector (OTLP/HTTP in, the embedded Lucene index or Elasticsearch out): the
 * application list filtered to failed applications, the failed application, its failed stage, and
 * the failed task's log lines with the exception the executor logged. Then the same pages without
 * a mouse. Screenshots of each step go to {@code target/ui-screenshots/}.
 */
class UiEndToEndIT {

  private static final String TOKEN = "token-of-team-curation";
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
  private static final String[] EVENT_LOGS = {"local-1422981780767", "local-1430917381534"};
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lucene", "elasticsearch"})
  void fromTheFailedApplicationToTheLogLineThatExplainsIt(String store) throws Exception {
    Path events = dir.resolve("spark-events");
    Files.createDirectories(events);
    for (String name : EVENT_LOGS) {
      try (InputStream in = UiEndToEndIT.class.getResourceAsStream("/ui-e2e/spark-events/" + name)) {
        Files.copy(in, events.resolve(name));
      }
    }
    FailedTask task = FailedTask.firstIn(events.resolve(EVENT_LOGS[0]));
    String prefix = "ui" + Long.toString(System.nanoTime(), 36);
    try (Collector collector = Collector.create(collectorConfig(store, prefix))) {
      collector.start();
      post(collector.otlpPort(), executorLines(task));
      if (store.equals("elasticsearch")) {
        refresh(prefix);
      }
      HistoryServerService history = new HistoryServerService(historyConfig(store, events, prefix));
      history.start();
      try (Browser browser = Browsers.launch()) {
        awaitListed(history, EVENT_LOGS.length);
        String base = "http://127.0.0.1:" + history.port();
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        // 1. The application list, filtered to failed applications.
        browser.open(URI.create(base + "/ui/apps"));
        assertThat(rows(driver)).hasSize(2);
        new Select(driver.findElement(By.id("f-status"))).selectByValue("failed");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("status=failed"));
        List<WebElement> failed = rows(driver);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getText()).contains(task.appId()).contains("Failed");
        browser.screenshotFullPage(SCREENSHOTS.resolve(store + "-1-failed-applications.png"), 2400);

        // 2. The failed application.
        failed.get(0).findElement(By.linkText(task.appId())).click();
        wait.until(d -> d.findElement(By.tagName("h1")).getText().contains(task.appId()));
        WebElement failedJob = driver.findElement(By.cssSelector("section[aria-labelledby=jobs-heading] tr.row-failed"));
        assertThat(failedJob.getText()).contains("Failed");
        browser.screenshotFullPage(SCREENSHOTS.resolve(store + "-2-failed-application.png"), 2400);

        // 3. Its failed stage.
        driver.findElement(By.cssSelector("section[aria-labelledby=stages-heading] tr.row-failed a")).click();
        wait.until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Stage " + task.stageId() + "."));
        WebElement failedTask = driver.findElement(By.cssSelector("article.failed-task"));
        assertThat(failedTask.getText()).contains("Task " + task.taskId()).contains(task.exceptionLine());
        browser.screenshotFullPage(SCREENSHOTS.resolve(store + "-3-failed-stage.png"), 2400);

        // 4. The failed task's log lines, with the exception the executor logged.
        failedTask.findElement(By.cssSelector("a.logs-link")).click();
        wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Logs of task " + task.taskId()));
        List<WebElement> lines = driver.findElements(By.cssSelector("#log-lines li"));
        List<String> texts = lines.stream().map(WebElement::getText).toList();
        assertThat(texts).as("the task's window only").hasSize(3)
            .noneMatch(t -> t.contains("outside the task"));
        WebElement match = driver.findElement(By.cssSelector("#log-lines li.match"));
        assertThat(match.getText()).contains(task.exceptionLine()).contains("ERROR").contains("task error");
        browser.screenshotFullPage(SCREENSHOTS.resolve(store + "-4-task-logs.png"), 2400);

        // The JSON the page's script pages and tails with: oldest first, cursors both ways.
        JsonNode api = getJson(base + "/ui/api/logs?app=" + task.appId() + "&executor=" + task.executorId() + "&size=2");
        assertThat(api.path("hits")).hasSize(2);
        assertThat(api.path("older").isTextual()).isTrue();
        JsonNode olderPage = getJson(base + "/ui/api/logs?app=" + task.appId() + "&executor=" + task.executorId()
            + "&size=2&older=" + api.path("older").asText());
        assertThat(olderPage.path("hits")).hasSize(2);
        assertThat(Instant.parse(olderPage.path("hits").get(1).path("timestamp").asText()))
            .isBefore(Instant.parse(api.path("hits").get(0).path("timestamp").asText()));
        JsonNode newer = getJson(base + "/ui/api/logs?app=" + task.appId() + "&executor=" + task.executorId()
            + "&newer=" + olderPage.path("older").asText());
        assertThat(newer.path("hits")).hasSize(3);
        assertThat(newer.path("hits").get(2).path("message").asText()).contains("outside the task");

        // The text search and the level filter, as the log page's form sends them.
        String apiLogs = base + "/ui/api/logs?app=" + task.appId() + "&executor=" + task.executorId();
        JsonNode errors = getJson(apiLogs + "&level=error");
        assertThat(errors.path("hits")).hasSize(1);
        assertThat(errors.path("hits").get(0).path("message").asText()).contains(task.exceptionLine());
        assertThat(getJson(apiLogs + "&q=" + java.net.URLEncoder.encode("idle executor", "UTF-8")).path("hits"))
            .hasSize(1);
        assertThat(getJson(apiLogs + "&container=spark-kubernetes-executor&pod=spark-shell-" + task.executorId())
            .path("hits")).hasSize(5);
        assertThat(getJson(apiLogs + "&container=other").path("hits")).isEmpty();
        browser.open(URI.create(base + "/ui/apps/" + task.appId() + "/logs?executor=" + task.executorId()));
        driver.findElement(By.id("f-q")).sendKeys("stored memory");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("q=stored"));
        assertThat(driver.findElements(By.cssSelector("#log-lines li .msg")).stream().map(WebElement::getText))
            .containsExactly("Block broadcast_1 stored as values in memory (outside the task)");

        // Without a mouse: headings, labelled controls, and the task table by keyboard.
        keyboardAndLabels(browser, base, task, store);
      } finally {
        history.stop(Duration.ofSeconds(5));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theLiveTailShowsLinesOfARunningApplicationAsTheCollectorStoresThem() throws Exception {
    Path events = dir.resolve("spark-events");
    Files.createDirectories(events);
    String appId = "local-1422981780999";
    List<String> lines = new ArrayList<>();
    try (InputStream in = UiEndToEndIT.class.getResourceAsStream("/ui-e2e/spark-events/" + EVENT_LOGS[0])) {
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (!line.contains("SparkListenerApplicationEnd")) {
          lines.add(line.replace(EVENT_LOGS[0], appId));
        }
      }
    }
    // Still being written: no end event, the .inprogress name Spark gives a running log.
    Files.writeString(events.resolve(appId + ".inprogress"), String.join("\n", lines) + "\n");
    FailedTask task = FailedTask.firstIn(events.resolve(appId + ".inprogress"));
    try (Collector collector = Collector.create(collectorConfig("lucene", "unused"))) {
      collector.start();
      Resource executor = executorResource(task);
      Instant now = Instant.now();
      post(collector.otlpPort(), List.of(line(executor, now, 0, Severity.INFO, "INFO", "Starting job 3")));
      HistoryServerService history = new HistoryServerService(historyConfig("lucene", events, "unused"));
      history.start();
      try (Browser browser = Browsers.launch()) {
        awaitListed(history, 1);
        WebDriver driver = browser.driver();
        browser.open(URI.create("http://127.0.0.1:" + history.port() + "/ui/apps/" + appId + "/logs?executor=" + task.executorId()));
        assertThat(driver.findElements(By.cssSelector("#log-lines li"))).hasSize(1);
        WebElement tail = driver.findElement(By.id("tail"));
        tail.click();
        assertThat(tail.getDomAttribute("aria-pressed")).isEqualTo("true");
        post(collector.otlpPort(), List.of(
            line(executor, now.plusSeconds(1), 1, Severity.WARN, "WARN", "Lost executor 2: pod evicted"),
            line(executor, now.plusSeconds(2), 2, Severity.INFO, "INFO", "Resubmitted task 3.0 in stage 2.0")));
        new WebDriverWait(driver, Duration.ofSeconds(20))
            .until(d -> d.findElements(By.cssSelector("#log-lines li")).size() == 3);
        List<String> shown = driver.findElements(By.cssSelector("#log-lines li .msg")).stream().map(WebElement::getText).toList();
        assertThat(shown).containsExactly("Starting job 3", "Lost executor 2: pod evicted", "Resubmitted task 3.0 in stage 2.0");
        assertThat(driver.findElement(By.id("tail-status")).getText()).startsWith("Live");
        browser.screenshot(SCREENSHOTS.resolve("lucene-6-live-tail.png"));
      } finally {
        history.stop(Duration.ofSeconds(5));
      }
    }
  }

  private static void keyboardAndLabels(Browser browser, String base, FailedTask task, String store) {
    WebDriver driver = browser.driver();
    JavascriptExecutor js = (JavascriptExecutor) driver;
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String stage = base + "/ui/apps/" + task.appId() + "/stages/" + task.stageId() + "/" + task.stageAttemptId();
    browser.open(URI.create(stage));
    assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
    assertThat(driver.findElements(By.tagName("h2"))).hasSizeGreaterThanOrEqualTo(3);
    Object unlabelled = js.executeScript(
        "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, button'))"
            + ".filter(c => !(c.labels && c.labels.length) && !c.textContent.trim()).length");
    assertThat(unlabelled).isEqualTo(0L);
    // Tab from the last filter control reaches the table; only one row is in the tab order.
    List<WebElement> taskRows = driver.findElements(By.cssSelector("#tasks tbody tr"));
    assertThat(taskRows.stream().filter(r -> "0".equals(r.getDomAttribute("tabindex")))).hasSize(1);
    WebElement first = taskRows.get(0);
    js.executeScript("arguments[0].focus()", first);
    assertThat(driver.switchTo().activeElement()).isEqualTo(first);
    first.sendKeys(Keys.ARROW_DOWN);
    assertThat(driver.switchTo().activeElement()).isEqualTo(taskRows.get(1));
    driver.switchTo().activeElement().sendKeys(Keys.END);
    assertThat(driver.switchTo().activeElement()).isEqualTo(taskRows.get(taskRows.size() - 1));
    driver.switchTo().activeElement().sendKeys(Keys.HOME);
    // The failed task's row is found with the arrows and opened with Enter.
    WebElement active = driver.switchTo().activeElement();
    for (int i = 0; i < taskRows.size() && !java.util.Objects.toString(active.getDomAttribute("class"), "").contains("row-failed"); i++) {
      active.sendKeys(Keys.ARROW_DOWN);
      active = driver.switchTo().activeElement();
    }
    assertThat(active.getText()).contains(Long.toString(task.taskId()));
    active.sendKeys(Keys.ENTER);
    wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Logs of task " + task.taskId()));
    browser.screenshot(SCREENSHOTS.resolve(store + "-5-keyboard-to-logs.png"));
  }

  private static List<WebElement> rows(WebDriver driver) {
    return driver.findElements(By.cssSelector("table.data tbody tr[data-href]"));
  }

  private CollectorConfig collectorConfig(String store, String prefix) throws Exception {
    String sink = store.equals("lucene")
        ? "lucene: {commit_interval: 100ms}\n"
        : """
            elasticsearch:
              urls: [%s]
              index_prefix: %s
              number_of_replicas: 0
              bulk: {flush_interval: 100ms}
              dead_letter: {file: "%s"}
            """.formatted(TestServers.elasticsearch().httpUri(), prefix, dir.resolve("dlq.jsonl"));
    String yaml = """
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        otlp:
          http: {host: 127.0.0.1, port: 0}
          grpc: {enabled: false}
          tokens:
            - {token: %s, team: curation}
        """.formatted(dir.resolve("collector"), TOKEN) + sink;
    return ConfigLoader.create(Map.of()).parse(yaml, "collector.yaml", CollectorConfig.class);
  }

  private HistoryServerConfig historyConfig(String store, Path events, String prefix) throws Exception {
    String logs = store.equals("lucene")
        ? "  lucene: {index_dir: \"%s\"}\n".formatted(dir.resolve("collector").resolve("index"))
        : "  elasticsearch: {urls: [%s], index_prefix: %s}\n".formatted(TestServers.elasticsearch().httpUri(), prefix);
    String yaml = """
        log_directories: ["%s"]
        scan_interval: 200ms
        http: {host: 127.0.0.1, port: 0}
        logs:
        """.formatted(events.toUri()) + logs;
    return ConfigLoader.create(Map.of()).parse(yaml, "history-server.yaml", HistoryServerConfig.class);
  }

  /**
   * What the executor logged around the failed task: its start, the exception with Spark's
   * "Exception in task" line and stack trace, and its end; plus one line a minute earlier and one
   * a minute later, outside the task's window.
   */
  private static Resource executorResource(FailedTask task) {
    return Resource.of(Attributes.builder()
        .put(AttributeNames.K8S_NAMESPACE_NAME, "data-prep")
        .put(AttributeNames.K8S_POD_NAME, "spark-shell-" + task.executorId())
        .put(AttributeNames.K8S_POD_UID, "uid-" + task.executorId())
        .put(AttributeNames.K8S_CONTAINER_NAME, "spark-kubernetes-executor")
        .put(AttributeNames.SPARK_APP_ID, task.appId())
        .put(AttributeNames.SPARK_EXECUTOR_ID, task.executorId())
        .build());
  }

  private static List<LogRecord> executorLines(FailedTask task) {
    Resource executor = executorResource(task);
    String where = "task " + "3.0 in stage " + task.stageId() + "." + task.stageAttemptId() + " (TID " + task.taskId() + ")";
    List<LogRecord> records = new ArrayList<>();
    records.add(line(executor, task.launch().minusSeconds(60), 0, Severity.INFO, "INFO",
        "Block broadcast_1 stored as values in memory (outside the task)"));
    records.add(line(executor, task.launch(), 1, Severity.INFO, "INFO", "Running " + where));
    records.add(line(executor, task.finish(), 2, Severity.ERROR, "ERROR",
        "Exception in " + where + "\n" + task.exceptionLine() + "\n" + String.join("\n", task.stackTrace())));
    records.add(line(executor, task.finish().plusMillis(3), 3, Severity.INFO, "INFO",
        "Finished " + where + " in 46 ms"));
    records.add(line(executor, task.finish().plusSeconds(60), 4, Severity.INFO, "INFO",
        "Executor is idle (outside the task)"));
    return records;
  }

  private static LogRecord line(Resource resource, Instant at, long offset, Severity severity, String level, String text) {
    return LogRecord.builder()
        .timestamp(at)
        .severity(severity)
        .severityText(level)
        .body(text)
        .resource(resource)
        .attributes(Attributes.builder()
            .put(AttributeNames.PIPELENS_STREAM, "engine")
            .put(AttributeNames.LOG_FILE_PATH, "/var/log/pods/executor/spark.log")
            .put(AttributeNames.LOG_OFFSET, offset * 1000)
            .build())
        .build();
  }

  private static void post(int port, List<LogRecord> records) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/logs"))
        .header("Content-Type", OtlpLogsCodec.CONTENT_TYPE)
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(new OtlpLogsCodec().encode(records)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static void refresh(String prefix) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(TestServers.elasticsearch().httpUri() + "/" + prefix + "-*/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static void awaitListed(HistoryServerService history, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (history.refresher().listing().size() < count) {
      assertThat(System.nanoTime()).as("the event logs are listed").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
