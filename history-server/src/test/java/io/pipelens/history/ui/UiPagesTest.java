package io.pipelens.history.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.SyntheticStageLog;
import io.pipelens.history.testing.TestLogs;
import io.pipelens.runtime.ops.HttpConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages, rendered by a running history server from real Spark event logs (and a synthetic
 * 200,000-task stage written in Spark's event shapes), read with an HTML parser: structure,
 * escaping, filters, pagination, ids and errors. No browser: the browser tests are in the launcher.
 */
class UiPagesTest {

  static final String FAILED_APP = TestLogs.LOCAL_1422981780767;
  static final String BIG_APP = "app-20260101000000-0001";
  static final String DAG_APP = "app-20180109111548-0000";
  static final int BIG_TASKS = 200_000;

  @TempDir static Path dir;
  static HistoryServerService server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    Path logs = dir.resolve("logs");
    TestLogs.copy(logs, FAILED_APP, TestLogs.YARN_3_0, TestLogs.ATTEMPT_1, TestLogs.ATTEMPT_2, DAG_APP);
    // An application whose name is markup: it must come out as text.
    List<String> lines = new ArrayList<>(TestLogs.lines(FAILED_APP));
    int start = TestLogs.indexOf(lines, "SparkListenerApplicationStart");
    lines.set(start, lines.get(start).replace("\"Spark shell\"", "\"<script>alert('x')</script>\"")
        .replace(FAILED_APP, "local-1"));
    TestLogs.write(logs.resolve("local-1"), lines);
    SyntheticStageLog.write(logs, BIG_APP, BIG_TASKS);
    server = new HistoryServerService(new HistoryServerConfig(
        List.of(logs.toUri()), Duration.ofMillis(200), new HttpConfig("127.0.0.1", 0), null, null));
    server.start();
    port = server.port();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (server.refresher().listing().size() < 6) {
      assertThat(System.nanoTime()).as("all logs listed").isLessThan(deadline);
      Thread.sleep(50);
    }
    // The first request replays the 200,000-task log, which takes seconds; later ones read memory.
    java.net.http.HttpResponse<String> replayed = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + port + "/ui/apps/" + BIG_APP)).timeout(Duration.ofMinutes(2)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(replayed.statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.stop(Duration.ofSeconds(5));
  }

  static Document page(String path, int status) throws Exception {
    HttpResponse<String> response = Http.get(port, path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    return Jsoup.parse(response.body());
  }

  static Document page(String path) throws Exception {
    return page(path, 200);
  }

  @Test
  void theRootRedirectsToTheApplicationList() throws Exception {
    HttpResponse<String> root = Http.get(port, "/");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/ui/");
    HttpResponse<String> ui = Http.get(port, "/ui/");
    assertThat(ui.statusCode()).isEqualTo(302);
    assertThat(ui.headers().firstValue("Location")).hasValue("/ui/apps");
  }

  @Test
  void theApplicationListFiltersToFailedApplicationsAndShowsHealth() throws Exception {
    Document all = page("/ui/apps");
    assertThat(all.select("h1").text()).isEqualTo("Applications");
    assertThat(all.select("table.data tbody tr")).hasSize(6);
    assertThat(all.select("label[for=f-status]").text()).isEqualTo("Status");

    Document failed = page("/ui/apps?status=failed");
    List<String> ids = failed.select("table.data tbody tr td:first-child a").eachText();
    assertThat(ids).containsExactlyInAnyOrder(FAILED_APP, "local-1");
    Element row = failed.select("tr:has(a:containsOwn(" + FAILED_APP + "))").first();
    assertThat(row.hasClass("row-failed")).isTrue();
    assertThat(row.select(".badge").text()).contains("Failed");
    assertThat(row.select("td.num").eachText()).contains("9.0 s", "1");

    Document completed = page("/ui/apps?status=completed");
    assertThat(completed.select("table.data tbody tr td:first-child a").eachText())
        .contains(TestLogs.YARN_3_0, BIG_APP).doesNotContain(FAILED_APP);
    Element big = completed.select("tr:has(a:containsOwn(" + BIG_APP + "))").first();
    assertThat(big.select("td").eachText()).contains("curation", "p1", "data-prep");
    assertThat(big.select(".badge").text()).contains("Recovered");

    assertThat(page("/ui/apps?team=curation&namespace=data-prep").select("tbody tr a").eachText())
        .containsExactly(BIG_APP);
    assertThat(page("/ui/apps?user=etl&priority=p1").select("tbody tr a").eachText()).containsExactly(BIG_APP);
    assertThat(page("/ui/apps?name=DEDUP").select("tbody tr a").eachText()).containsExactly(BIG_APP);
    assertThat(page("/ui/apps?from=2023-11-14&to=2023-11-14").select("tbody tr a").eachText())
        .containsExactly(BIG_APP);
    assertThat(page("/ui/apps?status=running").select("tbody tr").text()).contains("No application matches");
  }

  @Test
  void theApplicationListSortsAndPages() throws Exception {
    Document byDuration = page("/ui/apps?sort=duration&order=desc&size=10");
    List<String> ids = byDuration.select("tbody tr td:first-child a").eachText();
    List<String> expected = server.refresher().listing().applications().stream()
        .sorted(java.util.Comparator.comparingLong(
            (io.pipelens.history.listing.ApplicationSummary a) -> a.latestAttempt().duration()).thenComparingLong(a -> a.latestAttempt().startTime()).reversed())
        .map(io.pipelens.history.listing.ApplicationSummary::id).toList();
    assertThat(ids).isEqualTo(expected);
    assertThat(byDuration.select("th[aria-sort=descending]").text()).startsWith("Duration");
    Document ascending = page("/ui/apps?sort=duration&order=asc&size=10");
    assertThat(ascending.select("tbody tr td:first-child a").eachText()).isEqualTo(reversed(ids));
    assertThat(page("/ui/apps?size=10&page=2").select("tbody tr").text()).contains("No application matches");
  }

  @Test
  void markupInEventLogsIsEscaped() throws Exception {
    HttpResponse<String> list = Http.get(port, "/ui/apps?name=local-1");
    assertThat(list.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    Document app = page("/ui/apps/local-1");
    assertThat(app.select("script")).allSatisfy(s -> assertThat(s.attr("src")).isEqualTo("/ui/static/pipelens.js"));
    assertThat(app.select("h1").text()).contains("<script>alert('x')</script>");
  }

  @Test
  void theApplicationPageShowsJobsTimelineStagesExecutorsAndEnvironment() throws Exception {
    Document app = page("/ui/apps/" + FAILED_APP);
    assertThat(app.select("h1").text()).isEqualTo("Spark shell (" + FAILED_APP + ")");
    assertThat(app.select("h2").eachText()).contains("Summary", "Jobs (3)", "Stages (4)", "Executors (1)", "Environment");
    Element failedJob = app.select("section[aria-labelledby=jobs-heading] tr.row-failed").first();
    assertThat(failedJob.select("a").first().text()).isEqualTo("Job 1");
    assertThat(failedJob.select(".badge").text()).contains("Failed");
    assertThat(failedJob.select("svg.bar rect.fill-failed")).as(failedJob.outerHtml()).hasSize(1);
    assertThat(failedJob.select("svg.bar").attr("aria-label")).contains(" to ");
    // Failed stages come first in the stage table.
    Element firstStage = app.select("section[aria-labelledby=stages-heading] tbody tr").first();
    assertThat(firstStage.hasClass("row-failed")).isTrue();
    assertThat(firstStage.select("a").attr("href")).isEqualTo("/ui/apps/" + FAILED_APP + "/stages/2/0");
    Element executor = app.select("section[aria-labelledby=executors-heading] tbody tr").first();
    assertThat(executor.select("td").first().text()).isEqualTo("driver");
    assertThat(executor.select("td").eachText()).contains("localhost:57971", "active");
    assertThat(executor.select("a").attr("href")).isEqualTo("/ui/apps/" + FAILED_APP + "/logs?executor=driver");
    // Spark 1.2 logs have no job submission times: the job's stages give its span.
    assertThat(failedJob.select("td").get(3).text()).isEqualTo("2015-02-03 16:43:05");
    assertThat(app.select("details summary").text()).startsWith("Spark properties");
    assertThat(app.select("a:containsOwn(Driver logs)").attr("href")).isEqualTo("/ui/apps/" + FAILED_APP + "/logs?executor=driver");
  }

  @Test
  void theApplicationPageShowsEachAttempt() throws Exception {
    Document second = page("/ui/apps/local-1426533911241?attempt=2");
    assertThat(second.select("[aria-current=page]").eachText()).contains("attempt 2");
    assertThat(second.select("a:containsOwn(attempt 1)").attr("href")).isEqualTo("/ui/apps/local-1426533911241?attempt=1");
    page("/ui/apps/local-1426533911241?attempt=9", 404);
  }

  @Test
  void theJobPageDrawsItsStagesAsAGraphWithStatusInWords() throws Exception {
    Document job = page("/ui/apps/" + FAILED_APP + "/jobs/1");
    assertThat(job.select("h1").text()).startsWith("Job 1");
    Element failed = job.select("svg a.node-failed").first();
    assertThat(failed.attr("href")).isEqualTo("/ui/apps/" + FAILED_APP + "/stages/2/0");
    assertThat(failed.attr("aria-label")).isEqualTo("Stage 2.0: Failed · 7/8 tasks");
    assertThat(failed.select("rect.hatch")).hasSize(1);
    assertThat(job.select("figcaption").text()).contains("Failed stages are also hatched");

    // Spark 1.x logs name no parent stages: no arrows. In this Spark 2.3 log stage 1 reads stage 0.
    assertThat(job.select("svg line.edge")).isEmpty();
    Document twoStages = page("/ui/apps/" + DAG_APP + "/jobs/0");
    assertThat(twoStages.select("svg a.node")).hasSize(2);
    assertThat(twoStages.select("svg line.edge")).hasSize(1);
    assertThat(Integer.parseInt(twoStages.select("svg line.edge").attr("x1")))
        .isLessThan(Integer.parseInt(twoStages.select("svg line.edge").attr("x2")));
    assertThat(twoStages.select("svg a.node").eachAttr("aria-label")).allSatisfy(l -> assertThat(l).contains("Complete"));
  }

  @Test
  void theStagePageShowsQuantilesAndTheFailedTaskWithItsStackTraceAndLogLink() throws Exception {
    Document stage = page("/ui/apps/" + FAILED_APP + "/stages/2/0");
    assertThat(stage.select("h1").text()).startsWith("Stage 2.0: count at <console>:20");
    assertThat(stage.select("table.quantiles thead th").eachText())
        .containsExactly("Metric", "Min", "25th percentile", "Median", "75th percentile", "Max");
    assertThat(stage.select("table.quantiles tbody th").eachText()).containsExactly(
        "Duration (executor run time)", "GC time", "Input", "Shuffle read", "Shuffle write", "Spill (memory)", "Spill (disk)");
    Element failed = stage.select("article.failed-task").first();
    assertThat(failed.select("h3").text()).contains("Task 19");
    assertThat(failed.select(".error-line").text()).isEqualTo("java.lang.RuntimeException: got a 3, failing");
    assertThat(failed.select("details pre.trace").text()).contains("at org.apache.spark.scheduler.Task.run");
    assertThat(failed.select("a.logs-link").attr("href"))
        .isEqualTo("/ui/apps/" + FAILED_APP + "/logs?executor=driver&task=19");
    assertThat(stage.select("label[for=f-task-status]").text()).isEqualTo("Task status");
  }

  @Test
  void aStageOfTwoHundredThousandTasksIsServedOnePageAtATime() throws Exception {
    String base = "/ui/apps/" + BIG_APP + "/stages/0/0";
    HttpResponse<String> first = Http.get(port, base);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body().length()).as("one page of rows, not 200,000").isLessThan(200_000);
    Document page = Jsoup.parse(first.body());
    int attempts = BIG_TASKS + BIG_TASKS / SyntheticStageLog.FAILED_EVERY;
    assertThat(page.select("#tasks tbody tr")).hasSize(100);
    assertThat(page.select("nav.pages span").first().text()).isEqualTo("Page 1 of 2,002 · 200,200 tasks");
    assertThat(page.select("#tasks tbody tr td:first-child").first().text()).isEqualTo("0");
    assertThat(page.select("table.quantiles caption").text()).contains(String.format("%,d", BIG_TASKS));
    assertThat(page.select("h2").eachText()).contains("Failed tasks (200)");
    assertThat(page.select("article.failed-task")).hasSize(StagePageLimits.FAILED_SHOWN);

    Document last = page(base + "?page=2002");
    assertThat(last.select("#tasks tbody tr")).hasSize(attempts - 2001 * 100);
    Document slowest = page(base + "?sort=duration&order=desc&size=10");
    assertThat(slowest.select("#tasks tbody tr")).hasSize(10);
    // Task i runs 1000 + i % 997 ms plus 20 ms: the longest are the indices ≡ 996 (mod 997).
    assertThat(slowest.select("#tasks tbody tr").first().select("td").get(7).text()).isEqualTo("2.0 s");
    Document failed = page(base + "?status=failed&size=1000");
    assertThat(failed.select("#tasks tbody tr")).hasSize(200).allSatisfy(r -> assertThat(r.hasClass("row-failed")).isTrue());
    assertThat(failed.select("nav.pages span").first().text()).endsWith("200 tasks");
    assertThat(failed.select("#tasks tbody tr").first().select("td").get(11).text()).isEqualTo("java.io.IOException: corrupt shard 0");
  }

  @Test
  void unknownOrMalformedIdsGetANotFoundPage() throws Exception {
    assertThat(page("/ui/apps/no-such-app", 404).select("h1").text()).isEqualTo("Not found");
    page("/ui/apps/..%2F..%2Fetc", 404);
    page("/ui/apps/" + FAILED_APP + "/jobs/99", 404);
    page("/ui/apps/" + FAILED_APP + "/jobs/-1", 404);
    page("/ui/apps/" + FAILED_APP + "/stages/2/7", 404);
    page("/ui/apps/" + FAILED_APP + "/stages/x/0", 404);
    page("/ui/apps/" + FAILED_APP + "/nothing", 404);
    page("/ui/static/../../etc/passwd", 404);
    page("/ui/static/other.js", 404);
    page("/ui/apps/" + FAILED_APP + "/logs?task=123456", 404);
  }

  @Test
  void badParametersGetABadRequestPageNamingThem() throws Exception {
    assertThat(page("/ui/apps?status=lost", 400).select(".error-message").text()).startsWith("status:");
    assertThat(page("/ui/apps?page=abc", 400).select(".error-message").text()).startsWith("page:");
    assertThat(page("/ui/apps?from=yesterday", 400).select(".error-message").text()).startsWith("from:");
    page("/ui/apps/" + FAILED_APP + "/stages/2/0?size=100000", 400);
    page("/ui/apps/" + FAILED_APP + "/logs?from=noon", 400);
  }

  @Test
  void withoutALogStoreTheLogPageSaysSoAndTheApiAnswersWithJsonErrors() throws Exception {
    Document logs = page("/ui/apps/" + FAILED_APP + "/logs?executor=driver&task=19");
    assertThat(logs.select("h1").text()).isEqualTo("Logs of task 19");
    assertThat(logs.select(".notice").text()).contains("No log store is configured");
    assertThat(logs.select("section.failure dd").eachText()).contains("java.lang.RuntimeException: got a 3, failing");
    assertThat(logs.select("label").eachText()).contains("Text", "Level", "Executor", "Pod", "Container");

    HttpResponse<String> noStore = Http.get(port, "/ui/api/logs?app=" + FAILED_APP);
    assertThat(noStore.statusCode()).isEqualTo(503);
    assertThat(noStore.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(noStore.body()).contains("\"error\"").contains("no log store");
    HttpResponse<String> noApp = Http.get(port, "/ui/api/logs");
    assertThat(noApp.statusCode()).isEqualTo(400);
    assertThat(noApp.body()).isEqualTo("{\"error\":\"app: required\"}");
    assertThat(Http.get(port, "/ui/api/logs?app=" + FAILED_APP + "&older=x&newer=y").statusCode()).isEqualTo(400);
    assertThat(Http.get(port, "/ui/api/logs?app=" + FAILED_APP + "&level=loud").statusCode()).isEqualTo(400);
    assertThat(Http.get(port, "/ui/api/logs?app=" + FAILED_APP + "&older=%25%25").statusCode()).isEqualTo(400);
    assertThat(Http.get(port, "/ui/api/logs?app=nope").statusCode()).isEqualTo(404);
  }

  @Test
  void everyPageHasOneHeadingLabelledControlsAndTheAssets() throws Exception {
    for (String path : List.of("/ui/apps", "/ui/apps/" + FAILED_APP, "/ui/apps/" + FAILED_APP + "/jobs/1",
        "/ui/apps/" + FAILED_APP + "/stages/2/0", "/ui/apps/" + FAILED_APP + "/logs")) {
      Document page = page(path);
      assertThat(page.select("h1")).as(path).hasSize(1);
      assertThat(page.select("html").attr("lang")).isEqualTo("en");
      for (Element control : page.select("input:not([type=hidden]), select")) {
        assertThat(page.select("label[for=" + control.id() + "]")).as(path + " " + control).hasSize(1);
      }
      for (Element table : page.select("table")) {
        assertThat(table.select("caption")).as(path).hasSize(1);
      }
    }
    HttpResponse<String> css = Http.get(port, "/ui/static/pipelens.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(Http.get(port, "/ui/static/pipelens.js").body()).contains("rovingRows");
    String metrics = Http.get(port, "/metrics").body();
    assertThat(metrics).contains("pipelens_history_ui_request_duration_seconds_count{page=\"stage\",status=\"200\"}")
        .contains("pipelens_history_ui_request_duration_seconds_count{page=\"static\",status=\"200\"}");
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
