package io.pipelens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.pipelens.agent.app.AgentConfig;
import io.pipelens.agent.app.AgentFactory;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.collector.app.CollectorFactory;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerFactory;
import io.pipelens.history.app.SampleEventLogs;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.TestServers;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a running agent, collector and history server, and every PromQL
 * expression of alerts/*.rules.yml and dashboards/*.json is evaluated through its HTTP API.
 *
 * <p>Traffic: the agent tails a temporary file (with a secret to mask and an over-long line to
 * cut) into a real Kafka broker; the collector consumes that topic (plus one message that is not
 * OTLP, for the dead letter) into the embedded Lucene index and answers OTLP/HTTP requests with and
 * without its token (200 and 401), and Spark event-log lines over OTLP: a high-priority application
 * that starts and has a job fail (archived, tracked as running, the failure counted), and one whose
 * archive directory cannot be created (archive failures, and 503 at the OTLP ack timeout); the
 * history server lists the sample Spark event logs and replays one of them.
 *
 * <p>Prometheus scrapes each component under the job the alerts select on
 * ({@code pipelens-agent}, {@code pipelens-collector}, {@code pipelens-history-server}, the
 * {@code app.kubernetes.io/name} the monitors in deploy/ use as job label), with the
 * {@code namespace}, {@code pod} and {@code node} target labels prometheus-operator would add.
 *
 * <p>What is checked, for every expression:
 *
 * <ul>
 *   <li>it parses: {@code /api/v1/query} answers {@code status: success};
 *   <li>it returns data once traffic has flowed, unless it is in {@link #EXPECTED_EMPTY} with the
 *       reason. Alert expressions are checked without their thresholds: the expression is split at
 *       its top-level {@code and}/{@code unless}/{@code or}, and each operand is evaluated with its
 *       trailing comparison against a number ({@code > 0}, {@code == 0}, {@code > 256 * 1024 *
 *       1024}) removed. {@code absent(x)} is checked as {@code x}, which must have data (and
 *       {@code absent(x)} itself must be empty). Besides, every metric selector in an alert (its
 *       label matchers kept, ranges and functions dropped) must return series: that is what proves
 *       the job labels and metric names match what the code exports.
 * </ul>
 *
 * Dashboard variables: {@code $namespace} becomes the scraped namespace, {@code $cluster} {@code .*}
 * (what "All" means: the test's series have no cluster label), {@code $team} and {@code $priority}
 * {@code .+}, {@code $__rate_interval}
 * {@value #RATE_INTERVAL}, {@code $__interval} 15s, {@code ${datasource}} is not part of an
 * expression.
 */
class PrometheusScrapeIT {

  static final String NAMESPACE = "pipelens";
  static final String RATE_INTERVAL = "30s";
  static final String TOKEN = "token-of-team-s";
  static final String TOPIC = "pipelens-engine-logs";
  static final Duration DATA_DEADLINE = Duration.ofSeconds(45);

  /**
   * Expressions (as evaluated: thresholds removed, variables substituted) that legitimately return
   * nothing in this test, each with the reason. Anything else that references a pipelens metric
   * must return data.
   */
  static final Map<String, String> EXPECTED_EMPTY = new LinkedHashMap<>();

  static {
    // Alerts.
    expectEmpty("sum by (namespace, pod, output) (rate(pipelens_agent_output_failed_total[5m]))",
        "the counter is registered per output and error_type on the first failed send; Kafka never fails here");
    expectEmpty("sum by (reason) (rate(pipelens_collector_es_rejections_total[5m]))",
        "no elasticsearch section: the collector indexes into Lucene, so no Elasticsearch meter exists");
    expectEmpty("deriv((sum by (topic) (max by (topic, partition) (pipelens_collector_kafka_lag)))[15m:1m])",
        "a subquery at 1m resolution needs samples at two minute boundaries; the test has data for well under a minute");
    // Dashboards.
    expectEmpty("sum by (compute_type, output, error_type) (rate(pipelens_agent_output_failed_total{cluster=~\".*\", "
            + "namespace=~\"pipelens\"}[30s]))",
        "registered on the first failed send; Kafka never fails here");
    expectEmpty("sum by (compute_type, reason) (rate(pipelens_collector_es_rejections_total{cluster=~\".*\", "
            + "namespace=~\"pipelens\"}[30s]))",
        "no elasticsearch section: the collector indexes into Lucene, so no Elasticsearch meter exists");
  }

  /** Metric selectors of alerts that legitimately select no series here, with the reason. */
  static final Map<String, String> EXPECTED_EMPTY_SELECTORS = new LinkedHashMap<>();

  static {
    EXPECTED_EMPTY_SELECTORS.put("pipelens_agent_output_failed_total",
        "registered on the first failed send; Kafka never fails here");
    EXPECTED_EMPTY_SELECTORS.put("pipelens_collector_es_rejections_total",
        "no Elasticsearch output in this test (Lucene)");
  }

  static void expectEmpty(String expr, String reason) {
    EXPECTED_EMPTY.put(normalize(expr), reason);
  }

  @TempDir
  Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process prometheus;
  private String promUrl;
  private Path promData;

  @AfterEach
  void tearDown() throws Exception {
    if (prometheus != null) {
      try {
        http.send(HttpRequest.newBuilder(URI.create(promUrl + "/-/quit")).POST(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // fall through to destroy
      }
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      deleteRecursively(promData);
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void everyAlertAndDashboardQueryRunsOnRealScrapes() throws Exception {
    long t0 = System.nanoTime();
    KafkaServer kafka = TestServers.kafka();
    log(t0, "kafka at " + kafka.bootstrapServers());
    // Created up front, so no client ever meets a missing topic (an agent send error would be counted).
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    // The agent: one file, to Kafka.
    int agentPort = freePort();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path logFile = logs.resolve("driver.log");
    Files.writeString(logFile, lines(0, 50));
    Service agent = start(new AgentFactory(Map.of()), AgentConfig.class, """
        http: {host: 127.0.0.1, port: %d}
        data_dir: %s
        checkpoint_interval: 200ms
        inputs:
          - name: driver
            file:
              paths: ["%s/*.log"]
              max_line_size: 1KiB
            stream: engine
        outputs:
          - name: kafka
            kafka:
              brokers: ["%s"]
              topics: {event: %s, engine: %s, business: %s}
        pipeline: {flush_interval: 100ms}
        """.formatted(agentPort, dir.resolve("agent"), logs, kafka.bootstrapServers(), TOPIC, TOPIC, TOPIC));

    // The collector: that topic to Lucene, OTLP with a token, event logs to an archive directory.
    int collectorPort = freePort();
    Path archive = Files.createDirectories(dir.resolve("archive"));
    int otlpPort = freePort();
    Service collector = start(new CollectorFactory(), CollectorConfig.class, """
        http: {host: 127.0.0.1, port: %d}
        data_dir: %s
        lucene: {commit_interval: 200ms}
        archive: {directory: %s, roll_interval: 200ms}
        kafka:
          brokers: ["%s"]
          group_id: prometheus-scrape-it
          topics: [%s]
        otlp:
          http: {host: 127.0.0.1, port: %d}
          grpc: {enabled: false}
          ack_timeout: 5s
          tokens:
            - {token: %s, team: team-s}
        """.formatted(collectorPort, dir.resolve("collector"), archive.toUri(), kafka.bootstrapServers(), TOPIC, otlpPort,
        TOKEN));

    // The history server on the bundled sample event logs.
    int historyPort = freePort();
    Path samples = SampleEventLogs.copyTo(dir.resolve("spark-events"));
    start(new HistoryServerFactory(), HistoryServerConfig.class, """
        http: {host: 127.0.0.1, port: %d}
        log_directories: ["%s"]
        scan_interval: 1s
        """.formatted(historyPort, samples.toUri()));
    log(t0, "components started");

    startPrometheus(Map.of("pipelens-agent", agentPort, "pipelens-collector", collectorPort,
        "pipelens-history-server", historyPort));
    log(t0, "prometheus ready at " + promUrl);

    // Traffic.
    Files.writeString(logFile, lines(50, 100), StandardOpenOption.APPEND);
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      producer.send(new ProducerRecord<>(TOPIC, "not OTLP protobuf".getBytes(StandardCharsets.UTF_8))).get();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(otlp(otlpPort, TOKEN)).isEqualTo(200);
      assertThat(otlp(otlpPort, null)).isEqualTo(401);
    }
    // A high-priority Spark application over OTLP (a sidecar's event log): it starts, one job fails.
    // Archived (200), it is tracked as running, and the failed job is counted by team and priority.
    // Resent on 503 as an OTLP client does: on a loaded machine the first archive write can take longer
    // than ack_timeout.
    int status = 0;
    for (int attempt = 0; attempt < 4 && status != 200; attempt++) {
      status = otlpEvents(otlpPort, "app-scrape-ok", START_EVENT, JOB_FAILED_EVENT);
    }
    assertThat(status).isEqualTo(200);
    // Another one whose archive directory cannot be created (a file is in the way): every write
    // fails and is retried, so archive failures are counted and the request gets 503 at ack_timeout.
    Files.writeString(archive.resolve("eventlog_v2_app-scrape-blocked"), "not a directory");
    assertThat(otlpEvents(otlpPort, "app-scrape-blocked", START_EVENT)).isEqualTo(503);
    String apps = get("http://127.0.0.1:" + historyPort + "/api/v1/applications");
    assertThat(apps).contains("local-1766844910796");
    get("http://127.0.0.1:" + historyPort + "/api/v1/applications/local-1766844910796/jobs");
    log(t0, "traffic sent");

    // Every expression, polled until each that should have data has it, or the deadline.
    List<Query> queries = queries();
    assertThat(queries).hasSizeGreaterThan(20);
    Map<Query, Integer> results = new LinkedHashMap<>();
    long deadline = System.nanoTime() + DATA_DEADLINE.toNanos();
    List<String> missing;
    int round = 0;
    while (true) {
      round++;
      // Keep traffic flowing so rate() over the short windows always sees increases.
      Files.writeString(logFile, lines(1000 * round, 1000 * round + 5), StandardOpenOption.APPEND);
      otlp(otlpPort, TOKEN);
      otlp(otlpPort, null);
      missing = new ArrayList<>();
      for (Query q : queries) {
        int n = evaluate(q);
        results.put(q, n);
        if (n == 0 && q.mustHaveData()) {
          missing.add(q.origin() + ": " + q.expr());
        }
      }
      if (missing.isEmpty() || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(1000);
    }
    log(t0, "evaluated " + queries.size() + " expressions in " + round + " rounds");

    List<String> report = new ArrayList<>();
    List<String> nowHaveData = new ArrayList<>();
    List<String> notEmpty = new ArrayList<>();
    for (Map.Entry<Query, Integer> e : results.entrySet()) {
      Query q = e.getKey();
      report.add(String.format("%4d  %-9s %s  %s", e.getValue(), q.mustHaveData() ? "must" : "may-empty", q.origin(),
          q.expr().replace('\n', ' ')));
      boolean listed = EXPECTED_EMPTY.containsKey(q.expr()) || EXPECTED_EMPTY_SELECTORS.containsKey(q.expr());
      if (listed && e.getValue() > 0) {
        nowHaveData.add(q.origin() + ": " + q.expr());
      }
      if (q.expectEmptyResult() && e.getValue() > 0) {
        notEmpty.add(q.origin() + ": " + q.expr());
      }
    }
    System.out.println("[PrometheusScrapeIT] series per expression:\n" + String.join("\n", report));
    assertThat(missing).as("expressions without data after " + DATA_DEADLINE.toSeconds() + " s of traffic "
        + "(add them to EXPECTED_EMPTY only with a reason)").isEmpty();
    assertThat(notEmpty).as("absent() of a scraped target must be empty").isEmpty();
    assertThat(nowHaveData).as("listed as expected empty but returned data: remove them from EXPECTED_EMPTY").isEmpty();
    // Every listed exception still matches an expression of the repository.
    List<String> exprs = queries.stream().map(Query::expr).toList();
    assertThat(exprs).as("stale EXPECTED_EMPTY entries").containsAll(EXPECTED_EMPTY.keySet());
    log(t0, "done");
  }

  // ---------------------------------------------------------------------------------------------
  // The expressions

  /**
   * One PromQL expression to evaluate. {@code reason} non-null: may be empty, and why;
   * {@code expectEmptyResult}: must be empty (absent()).
   */
  record Query(String origin, String expr, boolean mustHaveData, String reason, boolean expectEmptyResult) {}

  static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    // The job labels the alerts select on, and both OTLP answers the test provokes.
    for (String job : List.of("pipelens-agent", "pipelens-collector", "pipelens-history-server")) {
      add(queries, "job label", "pipelens_build_info{job=\"" + job + "\", namespace=\"" + NAMESPACE + "\"} == 1");
    }
    for (String code : List.of("200", "401", "503")) {
      add(queries, "OTLP answers", "pipelens_collector_otlp_requests_total{job=\"pipelens-collector\", code=\"" + code
          + "\"} > 0");
    }
    // The labels the dashboards split and filter by, as the traffic sets them: the agent (fixed by
    // default) on every meter, the collector per source and per record's team and priority.
    for (String selector : List.of(
        "pipelens_agent_read_lines_total{compute_type=\"fixed\"}",
        "jvm_threads_live_threads{job=\"pipelens-agent\", compute_type=\"fixed\"}",
        "pipelens_collector_received_records_total{source=\"kafka\", compute_type=\"fixed\", team=\"none\"}",
        "pipelens_collector_received_records_total{source=\"otlp\", compute_type=\"serverless\", team=\"team-s\"}",
        "pipelens_collector_sent_records_total{output=\"lucene\", compute_type=\"fixed\"}",
        "pipelens_collector_sent_records_total{output=\"archive\", compute_type=\"serverless\"}",
        "pipelens_collector_kafka_lag{compute_type=\"fixed\"}",
        "pipelens_collector_dlq_records_total{stage=\"decode\", compute_type=\"fixed\"}",
        "pipelens_collector_otlp_requests_total{code=\"200\", compute_type=\"serverless\"}",
        "pipelens_collector_jobs_failed_total{engine=\"spark\", compute_type=\"serverless\", team=\"team-s\", priority=\"high\"}",
        "pipelens_collector_application_last_record_timestamp_seconds{app_id=\"app-scrape-ok\", team=\"team-s\", priority=\"high\"}")) {
      add(queries, "labels", selector);
    }
    Pattern absent = Pattern.compile("^absent\\((.*)\\)$", Pattern.DOTALL);
    for (Path file : Repo.list(Repo.path("alerts"), ".rules.yml")) {
      for (JsonNode group : Repo.yaml(file).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
          String origin = file.getFileName() + " " + name;
          String expr = rule.path("expr").asText().strip();
          // 1. the expression as written: parses (its value may be anything).
          queries.add(new Query(origin + " (as written)", expr, false, "thresholded: evaluated for parsing only", false));
          // 2. the operands without thresholds: data.
          Matcher a = absent.matcher(expr);
          if (a.matches()) {
            queries.add(new Query(origin + " (absent)", expr, false, "absent() of a scraped target", true));
            add(queries, origin + " (inside absent)", a.group(1));
          } else {
            for (String operand : splitTopLevel(expr)) {
              add(queries, origin + " (no threshold)", stripThreshold(operand));
            }
          }
          // 3. every metric selector, matchers kept.
          for (String selector : selectors(expr)) {
            String reason = EXPECTED_EMPTY_SELECTORS.get(selector);
            queries.add(new Query(origin + " (selector)", selector, reason == null, reason, false));
          }
        }
      }
    }
    for (Path file : DashboardsTest.dashboards()) {
      try {
        for (JsonNode panel : DashboardsTest.panels(DashboardsTest.json(file))) {
          for (JsonNode target : panel.path("targets")) {
            String expr = target.path("expr").asText()
                .replace("$__rate_interval", RATE_INTERVAL)
                .replace("$__interval", "15s")
                .replace("$namespace", NAMESPACE)
                .replace("$cluster", ".*")
                .replace("$team", ".+")
                .replace("$priority", ".+");
            assertThat(expr).as(file.getFileName() + " " + panel.path("title").asText() + ": unknown variable")
                .doesNotContain("$");
            add(queries, file.getFileName() + " panel \"" + panel.path("title").asText() + "\"", expr);
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return queries;
  }

  private static void add(List<Query> queries, String origin, String expr) {
    String normalized = normalize(expr);
    String reason = EXPECTED_EMPTY.get(normalized);
    boolean pipelens = normalized.contains("pipelens_") || normalized.matches("(?s).*\\bup\\{[^}]*job=~?\"pipelens-.*");
    queries.add(new Query(origin, normalized, pipelens && reason == null,
        reason != null ? reason : pipelens ? null : "no pipelens metric", false));
  }

  static String normalize(String expr) {
    return expr.strip().replaceAll("[ \\t]*\\n[ \\t]*", "\n");
  }

  /** The operands of top-level {@code and}, {@code unless} and {@code or}. */
  static List<String> splitTopLevel(String expr) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    Matcher op = Pattern.compile("\\b(and|unless|or)\\b").matcher(expr);
    int[] depthAt = new int[expr.length() + 1];
    for (int i = 0; i < expr.length(); i++) {
      depthAt[i] = depth;
      char c = expr.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
    }
    while (op.find()) {
      if (depthAt[op.start()] == 0 && !inQuotes(expr, op.start())) {
        parts.add(expr.substring(start, op.start()));
        start = op.end();
      }
    }
    parts.add(expr.substring(start));
    return parts.stream().map(String::strip).toList();
  }

  private static boolean inQuotes(String s, int index) {
    int quotes = 0;
    for (int i = 0; i < index; i++) {
      if (s.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }

  /** {@code x > 0}, {@code x == 0}, {@code x > 256 * 1024 * 1024} become {@code x}. */
  static String stripThreshold(String operand) {
    return operand.strip().replaceFirst("(?s)\\s*(==|!=|>=|<=|>|<)\\s*[0-9.]+(\\s*[*/+-]\\s*[0-9.]+)*$", "");
  }

  /** The metric selectors of an expression: {@code name{matchers}} or {@code name}, ranges dropped. */
  static List<String> selectors(String expr) {
    List<String> selectors = new ArrayList<>();
    Matcher m = Pattern.compile("\\b(pipelens_[a-z0-9_]+|up)\\b(\\{[^}]*\\})?").matcher(expr);
    while (m.find()) {
      String s = m.group();
      if (!selectors.contains(s)) {
        selectors.add(s);
      }
    }
    return selectors;
  }

  // ---------------------------------------------------------------------------------------------
  // Prometheus

  private void startPrometheus(Map<String, Integer> jobs) throws Exception {
    String binary = AlertsTest.findOnPath("prometheus");
    if (binary == null && Files.isExecutable(Path.of("/usr/bin/prometheus"))) {
      binary = "/usr/bin/prometheus";
    }
    assertThat(binary).as("prometheus is not installed (apt-get install prometheus; .ci/run does)").isNotNull();
    Path base = Path.of("target", "prometheus-scrape-it").toAbsolutePath();
    Path data = base.resolve("data-" + System.currentTimeMillis());
    Files.createDirectories(data);
    promData = data;
    StringBuilder config = new StringBuilder("""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
        """);
    for (Map.Entry<String, Integer> job : new TreeMap<>(jobs).entrySet()) {
      config.append("""
            - job_name: %s
              static_configs:
                - targets: ['127.0.0.1:%d']
                  labels: {namespace: %s, pod: %s-0, node: node-1}
          """.formatted(job.getKey(), job.getValue(), NAMESPACE, job.getKey()));
    }
    Path configFile = base.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    int port = freePort();
    promUrl = "http://127.0.0.1:" + port;
    Path logFile = base.resolve("prometheus.log");
    prometheus = new ProcessBuilder(binary, "--config.file=" + configFile, "--storage.tsdb.path=" + data,
        "--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle")
        .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      assertThat(prometheus.isAlive()).as("prometheus exited: " + tail(logFile)).isTrue();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(promUrl + "/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertThat(System.nanoTime()).as("prometheus not ready after 20 s: " + tail(logFile)).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** Evaluates {@code expr} now; asserts it parses; returns the number of series or samples. */
  private int evaluate(Query q) throws Exception {
    String url = promUrl + "/api/v1/query?query=" + URLEncoder.encode(q.expr(), StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = Repo.JSON.readTree(r.body());
    assertThat(body.path("status").asText()).as(q.origin() + ": " + q.expr() + " -> " + r.body()).isEqualTo("success");
    JsonNode result = body.path("data").path("result");
    return switch (body.path("data").path("resultType").asText()) {
      case "vector", "matrix" -> result.size();
      default -> 1; // scalar, string
    };
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (var files = Files.walk(path)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Components and traffic

  private <C extends io.pipelens.runtime.component.ComponentConfig> Service start(
      io.pipelens.runtime.component.ComponentFactory<C> factory, Class<C> type, String yaml) throws Exception {
    C config = ConfigLoader.create(Map.of()).parse(yaml, "PrometheusScrapeIT " + factory.name(), type);
    Service service = factory.create(config);
    toClose.add(() -> service.stop(Duration.ofSeconds(5)));
    service.start();
    return service;
  }

  /** Log lines {@code from} to {@code to}, with a secret to mask and one line longer than 1 KiB. */
  private static String lines(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < to; i++) {
      s.append("26/11/28 12:00:00 INFO Executor: Finished task ").append(i).append(".0\n");
    }
    s.append("26/11/28 12:00:01 WARN Client: retrying with password=hunter2 and AKIAIOSFODNN7EXAMPLE\n");
    s.append("26/11/28 12:00:02 INFO Big: ").append("x".repeat(2000)).append('\n');
    return s.toString();
  }

  private int otlp(int port, String token) throws Exception {
    LogRecord record = LogRecord.newBuilder().setTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
        .setSeverityText("INFO").setBody(AnyValue.newBuilder().setStringValue("hello from PrometheusScrapeIT")).build();
    byte[] body = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
        .build().toByteArray();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/logs"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static final String START_EVENT = "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"scrape\","
      + "\"App ID\":\"%s\",\"Timestamp\":1700000000000,\"User\":\"spark\"}";
  static final String JOB_FAILED_EVENT = "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,"
      + "\"Completion Time\":1700000001000,\"Job Result\":{\"Result\":\"JobFailed\",\"Exception\":"
      + "{\"Message\":\"Job aborted due to stage failure\",\"Stack Trace\":[]}}}";

  /** Spark event-log lines of {@code appId} (priority high) over OTLP, as a sidecar agent sends them. */
  private int otlpEvents(int port, String appId, String... lines) throws Exception {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    long offset = 0;
    for (String line : lines) {
      String text = line.formatted(appId);
      scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
          .setBody(AnyValue.newBuilder().setStringValue(text))
          .addAttributes(attribute("pipelens.stream", "event"))
          .addAttributes(attribute("log.file.path", "/var/log/spark-events/" + appId + ".inprogress"))
          .addAttributes(KeyValue.newBuilder().setKey("log.offset").setValue(AnyValue.newBuilder().setIntValue(offset))));
      offset += text.length() + 1;
    }
    Resource resource = Resource.newBuilder()
        .addAttributes(attribute("spark.app.id", appId))
        .addAttributes(attribute("pipelens.priority", "high"))
        .build();
    byte[] body = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
        .build().toByteArray();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/logs"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-protobuf")
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println("[PrometheusScrapeIT] OTLP events of " + appId + ": " + response.statusCode() + " "
        + response.body());
    return response.statusCode();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(200);
    return r.body();
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaServer kafka) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void log(long t0, String what) {
    System.out.printf("[PrometheusScrapeIT] %5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
  }
}
