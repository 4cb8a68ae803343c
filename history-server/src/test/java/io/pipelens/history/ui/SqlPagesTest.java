package io.pipelens.history.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.history.testing.Http;
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
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL section of the application page and the SQL query page, rendered by a running history
 * server from Spark 3.3's event log of two SQL queries, checked against what that log says, read
 * here independently of the replay. A copy of the log with markup in a plan and a failed query
 * checks escaping and the failed highlight, which the real log has neither of.
 */
class SqlPagesTest {

  private static final String SQL_APP = TestLogs.SQL_3_3;
  private static final String MARKED_APP = "local-1642039451827";
  private static final String NO_SQL_APP = TestLogs.LOCAL_1422981780767;
  private static final String INJECTED = "<b id=\"injected\">plan & markup</b>";
  private static final String ERROR = "java.lang.ArithmeticException: 1 < 2 <script>x</script>";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static HistoryServerService server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    Path logs = dir.resolve("logs");
    TestLogs.copy(logs, SQL_APP, NO_SQL_APP);
    TestLogs.write(logs.resolve(MARKED_APP), marked());
    server = new HistoryServerService(new HistoryServerConfig(
        List.of(logs.toUri()), Duration.ofMillis(200), new HttpConfig("127.0.0.1", 0), null, null));
    server.start();
    port = server.port();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (server.refresher().listing().size() < 3) {
      assertThat(System.nanoTime()).as("all logs listed").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    server.stop(Duration.ofSeconds(5));
  }

  /**
   * The SQL log under another id, with markup at the start of every plan text of query 0 and
   * query 1 ended by an error, as Spark 3.4+ writes it.
   */
  private static List<String> marked() throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : TestLogs.lines(SQL_APP)) {
      if (line.isBlank()) {
        continue;
      }
      ObjectNode event = (ObjectNode) JSON.readTree(line);
      String type = event.get("Event").asText();
      if (type.endsWith("SparkListenerApplicationStart")) {
        event.put("App ID", MARKED_APP);
      }
      if (event.has("physicalPlanDescription") && event.get("executionId").asLong() == 0) {
        event.put("physicalPlanDescription", INJECTED + "\n" + event.get("physicalPlanDescription").asText());
      }
      if (type.endsWith("SQLExecutionEnd") && event.get("executionId").asLong() == 1) {
        event.put("errorMessage", ERROR);
      }
      out.add(JSON.writeValueAsString(event));
    }
    return out;
  }

  private static List<JsonNode> events() throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : TestLogs.lines(SQL_APP)) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  private static HttpResponse<String> get(String path, int status) throws Exception {
    HttpResponse<String> response = Http.get(port, path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    return response;
  }

  private static Document page(String path, int status) throws Exception {
    return Jsoup.parse(get(path, status).body());
  }

  private static Element section(Document page, String headingId) {
    Element section = page.selectFirst("section[aria-labelledby=" + headingId + "]");
    assertThat(section).as("section " + headingId).isNotNull();
    return section;
  }

  @Test
  void theApplicationPageListsEachSqlQueryWithItsJobs() throws Exception {
    List<Long> executionIds = new ArrayList<>();
    List<List<String>> jobsOf = new ArrayList<>();
    for (JsonNode event : events()) {
      if (event.get("Event").asText().endsWith("SparkListenerSQLExecutionStart")) {
        executionIds.add(event.get("executionId").asLong());
        jobsOf.add(new ArrayList<>());
      }
    }
    for (JsonNode event : events()) {
      if (event.get("Event").asText().equals("SparkListenerJobStart")) {
        int execution = executionIds.indexOf(event.get("Properties").path("spark.sql.execution.id").asLong(-1));
        jobsOf.get(execution).add("/ui/apps/" + SQL_APP + "/jobs/" + event.get("Job ID").asInt());
      }
    }
    assertThat(executionIds).hasSize(2);

    Element sql = section(page("/ui/apps/" + SQL_APP, 200), "sql-heading");
    assertThat(sql.selectFirst("h2").text()).isEqualTo("SQL queries (" + executionIds.size() + ")");
    assertThat(sql.selectFirst("caption")).isNotNull();
    assertThat(sql.select("thead th").eachText())
        .containsExactly("Query", "Status", "Description", "Submitted", "Duration", "Jobs");
    Elements rows = sql.select("tbody tr");
    assertThat(rows).hasSize(executionIds.size());
    for (int i = 0; i < rows.size(); i++) {
      Element row = rows.get(i);
      String href = "/ui/apps/" + SQL_APP + "/sql/" + executionIds.get(i);
      assertThat(row.attr("data-href")).isEqualTo(href);
      assertThat(row.selectFirst("td a").attr("href")).isEqualTo(href);
      assertThat(row.selectFirst("td a").text()).isEqualTo("Query " + executionIds.get(i));
      assertThat(row.selectFirst(".badge").text()).isEqualTo("✓ Completed");
      assertThat(row.hasClass("row-failed")).isFalse();
      assertThat(row.select("td.jobs a").eachAttr("href")).containsExactlyElementsOf(jobsOf.get(i)).isNotEmpty();
      assertThat(row.select("td.jobs .badge").eachText()).allMatch(text -> text.equals("✓ Succeeded"));
    }
  }

  @Test
  void aFailedQueryIsMarkedInWordsAndItsErrorShownEscaped() throws Exception {
    Elements rows = section(page("/ui/apps/" + MARKED_APP, 200), "sql-heading").select("tbody tr");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).hasClass("row-failed")).isFalse();
    assertThat(rows.get(1).hasClass("row-failed")).isTrue();
    assertThat(rows.get(1).selectFirst(".badge").text()).isEqualTo("✕ Failed");
    assertThat(rows.get(1).selectFirst(".badge").hasClass("badge-failed")).isTrue();

    HttpResponse<String> response = get("/ui/apps/" + MARKED_APP + "/sql/1", 200);
    assertThat(response.body())
        .contains("1 &lt; 2 &lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x");
    Document page = Jsoup.parse(response.body());
    assertThat(page.selectFirst(".failure pre").text()).isEqualTo(ERROR);
    assertThat(section(page, "sql-summary").selectFirst(".badge").text()).isEqualTo("✕ Failed");
  }

  @Test
  void theSqlPageDrawsThePlanWithMetricValuesFromTheLog() throws Exception {
    // The Range operator's row count: its accumulator in the last plan, summed over the task ends.
    JsonNode lastPlan = null;
    for (JsonNode event : events()) {
      if (event.get("Event").asText().endsWith("SQLAdaptiveExecutionUpdate") && event.get("executionId").asLong() == 0) {
        lastPlan = event.get("sparkPlanInfo");
      }
    }
    long accumulator = accumulator(lastPlan, "Range", "number of output rows");
    long rows = 0;
    for (JsonNode event : events()) {
      if (event.get("Event").asText().equals("SparkListenerTaskEnd")) {
        for (JsonNode update : event.get("Task Info").get("Accumulables")) {
          if (update.get("ID").asLong() == accumulator) {
            rows += update.get("Update").asLong();
          }
        }
      }
    }
    assertThat(rows).isPositive();

    Document page = page("/ui/apps/" + SQL_APP + "/sql/0", 200);
    assertThat(page.selectFirst("h1").text()).isEqualTo("SQL query 0");
    assertThat(page.select("h2").eachText())
        .contains("Summary", "Jobs (" + jobCount(0) + ")", "Plan graph", "Physical plan");
    assertThat(page.select("nav[aria-label=Breadcrumb] a").eachAttr("href")).contains("/ui/apps/" + SQL_APP);

    Element summary = section(page, "sql-summary");
    assertThat(summary.select("dt").eachText()).contains("Status", "Description", "Submitted", "Completed", "Duration");
    assertThat(summary.selectFirst(".badge").text()).isEqualTo("✓ Completed");

    Element svg = page.selectFirst("figure.plan svg");
    assertThat(svg).isNotNull();
    assertThat(svg.attr("aria-label")).contains("Plan of SQL query 0");
    Element range = null;
    for (Element node : svg.select("g.plan-node")) {
      if (node.selectFirst("text.node-title").text().equals("Range")) {
        range = node;
      }
    }
    assertThat(range).as("a Range node in the graph").isNotNull();
    assertThat(range.select("text.node-detail").eachText()).contains("number of output rows: " + rows);
    assertThat(svg.select("text.cluster-title").eachText()).anyMatch(t -> t.startsWith("WholeStageCodegen (1)"));
    assertThat(svg.select("line.edge")).isNotEmpty();

    Element table = page.selectFirst("details.plan-nodes table");
    Element rangeRow = null;
    for (Element row : table.select("tbody tr")) {
      if (row.selectFirst(".operator").text().equals("Range")) {
        rangeRow = row;
      }
    }
    assertThat(rangeRow).isNotNull();
    assertThat(rangeRow.select("td").get(2).text()).isEqualTo("WholeStageCodegen (1)");
    Element dl = rangeRow.selectFirst("dl.metrics");
    assertThat(dl.select("dt").eachText()).contains("number of output rows");
    int index = dl.select("dt").eachText().indexOf("number of output rows");
    assertThat(dl.select("dd").get(index).text()).isEqualTo(Long.toString(rows));

    for (Element link : section(page, "sql-jobs-heading").select("tbody tr td:first-child a")) {
      assertThat(link.attr("href")).startsWith("/ui/apps/" + SQL_APP + "/jobs/");
      assertThat(get(link.attr("href"), 200).body()).contains("<h1>Job ");
    }
    assertThat(section(page, "sql-jobs-heading").select("tbody tr")).hasSize(jobCount(0));

    Element plan = page.selectFirst("details.plan-text pre");
    assertThat(plan.wholeText()).isEqualTo(lastAdaptive(0).get("physicalPlanDescription").asText());
  }

  @Test
  void thePlanTextIsEscaped() throws Exception {
    HttpResponse<String> response = get("/ui/apps/" + MARKED_APP + "/sql/0", 200);
    assertThat(response.body())
        .contains("&lt;b id=&quot;injected&quot;&gt;plan &amp; markup&lt;/b&gt;")
        .doesNotContain(INJECTED);
    Document page = Jsoup.parse(response.body());
    assertThat(page.getElementById("injected")).isNull();
    assertThat(page.selectFirst("details.plan-text pre").wholeText()).startsWith(INJECTED + "\n== Physical Plan ==");
  }

  @Test
  void unknownAndMalformedIdsAre404Pages() throws Exception {
    for (String path : List.of("/sql/2", "/sql/999999999", "/sql/abc", "/sql/-1", "/sql/1.0", "/sql/0x1",
        "/sql/1234567890123", "/sql", "/sql/0/1")) {
      Document page = page("/ui/apps/" + SQL_APP + path, 404);
      assertThat(page.selectFirst("h1").text()).as(path).isEqualTo("Not found");
    }
    assertThat(page("/ui/apps/" + SQL_APP + "/sql/2", 404).selectFirst(".error-message").text())
        .isEqualTo("no such SQL execution: 2");
    page("/ui/apps/" + SQL_APP + "/sql/0?attempt=9", 404);
    page("/ui/apps/" + SQL_APP + "/sql/0?attempt=..%2F", 400);
    page("/ui/apps/no-such-app/sql/0", 404);
  }

  @Test
  void anApplicationWithoutSqlSaysSo() throws Exception {
    Element sql = section(page("/ui/apps/" + NO_SQL_APP, 200), "sql-heading");
    assertThat(sql.selectFirst("h2").text()).isEqualTo("SQL queries (0)");
    assertThat(sql.select("table")).isEmpty();
    assertThat(sql.selectFirst("p.note").text()).isEqualTo("This application ran no SQL queries.");
    page("/ui/apps/" + NO_SQL_APP + "/sql/0", 404);
  }

  private static int jobCount(long executionId) throws Exception {
    int count = 0;
    for (JsonNode event : events()) {
      if (event.get("Event").asText().equals("SparkListenerJobStart")
          && event.get("Properties").path("spark.sql.execution.id").asLong(-1) == executionId) {
        count++;
      }
    }
    return count;
  }

  private static JsonNode lastAdaptive(long executionId) throws Exception {
    JsonNode last = null;
    for (JsonNode event : events()) {
      if (event.get("Event").asText().endsWith("SQLAdaptiveExecutionUpdate") && event.get("executionId").asLong() == executionId) {
        last = event;
      }
    }
    return last;
  }

  private static long accumulator(JsonNode plan, String operator, String metric) {
    java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(plan));
    while (!todo.isEmpty()) {
      JsonNode info = todo.pop();
      if (info.get("nodeName").asText().equals(operator)) {
        for (JsonNode m : info.get("metrics")) {
          if (m.get("name").asText().equals(metric)) {
            return m.get("accumulatorId").asLong();
          }
        }
      }
      info.get("children").forEach(todo::push);
    }
    throw new AssertionError("no " + operator + " in the plan");
  }
}
