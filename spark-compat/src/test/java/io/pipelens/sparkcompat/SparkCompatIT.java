package io.pipelens.sparkcompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.sparkcompat.ApiRequests.Request;
import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServers;
import io.pipelens.testsupport.json.JsonDiff;
import io.pipelens.testsupport.json.JsonDiff.Difference;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential test of issue 5: real Spark 4.1 (local mode, child JVM) writes the event logs of
 * {@code src/test/spark/SparkWorkloads.java} — a multi-stage shuffle job, the same with each codec,
 * failed and retried tasks and a failed job, SQL with a join and a cached table, RDDs cached at
 * three storage levels with block updates logged, a rolling log over several files, uncompressed
 * and in zstd (Spark 4's default), and an application halted before {@code stop()} — then Spark's
 * own History Server
 * and ours serve that directory, and every request of {@link ApiRequests} for every application is
 * sent to both. Status codes must be equal and the JSON answers equal as trees, except for the
 * differences {@code spark-compat-allowlist.tsv} documents with a reason.
 */
class SparkCompatIT {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private static final String BUCKET = "spark-compat";

  private static Path events;
  private static SparkHistoryServer spark;
  private static HistoryServerService ours;
  private static HistoryServerService oursOnS3;
  private static JsonNode sparkList;
  private static List<Request> requests;
  private static final Map<String, HttpResponse<String>> SPARK_ANSWERS = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    SparkRuntime runtime = SparkRuntime.resolve(module);
    events = SparkEventLogs.write(runtime);
    spark =
        SparkHistoryServer.start(
            runtime, events.toUri().toString(), module.resolve("target/spark-history-server.log"));
    ours = pipelens("log_directories:\n  - " + events.toUri() + "\n");
    ours.start();

    // The same logs in S3Proxy, read through s3:// by a second pipelens server.
    S3Server s3 = TestServers.s3();
    S3Upload.tree(s3, BUCKET, events, "spark-events/");
    oursOnS3 =
        pipelens(
            "log_directories:\n  - s3://"
                + BUCKET
                + "/spark-events\n"
                + "s3:\n  endpoint: "
                + s3.endpoint()
                + "\n  region: "
                + s3.region()
                + "\n  path_style_access: true\n  access_key: "
                + s3.accessKey()
                + "\n  secret_key: "
                + s3.secretKey()
                + "\n");
    oursOnS3.start();
  }

  private static HistoryServerService pipelens(String directories) throws Exception {
    HistoryServerConfig config =
        ConfigLoader.create(Map.of())
            .parse(
                directories
                    + "scan_interval: 1s\nhttp:\n  host: 127.0.0.1\n  port: 0\n"
                    + "logging:\n  level: warn\n",
                "spark-compat.yaml",
                HistoryServerConfig.class);
    return new HistoryServerService(config);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (ours != null) {
      ours.close();
    }
    if (oursOnS3 != null) {
      oursOnS3.close();
    }
    if (spark != null) {
      spark.close();
    }
  }

  @Test
  void sparkWroteEveryScenario() throws IOException {
    List<String> names;
    try (Stream<Path> entries = Files.list(events)) {
      names = entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).hasSize(11);
    assertThat(names).filteredOn(n -> n.endsWith(".zstd")).hasSize(1);
    assertThat(names).filteredOn(n -> n.endsWith(".lz4")).hasSize(1);
    assertThat(names).filteredOn(n -> n.endsWith(".lzf")).hasSize(1);
    assertThat(names).filteredOn(n -> n.endsWith(".snappy")).hasSize(1);
    assertThat(names).filteredOn(n -> n.endsWith(".inprogress")).hasSize(1);
    List<String> rolling = names.stream().filter(n -> n.startsWith("eventlog_v2_")).toList();
    assertThat(rolling).hasSize(2);
    int compressed = 0;
    for (String directory : rolling) {
      List<String> files;
      try (Stream<Path> entries = Files.list(events.resolve(directory))) {
        files =
            entries
                .map(f -> f.getFileName().toString())
                .filter(f -> f.startsWith("events_"))
                .toList();
      }
      assertThat(files).as("the rolling log spans several files").hasSizeGreaterThanOrEqualTo(3);
      if (files.stream().allMatch(f -> f.endsWith(".zstd"))) {
        compressed++;
      }
    }
    assertThat(compressed).as("one rolling log in zstd, Spark 4's default").isEqualTo(1);
  }

  @Test
  void everyAnswerMatchesSparksHistoryServer() throws Exception {
    compare(ours, "file://", "spark-compat-differences.txt", AllowList.load());
  }

  @Test
  void everyAnswerFromS3MatchesSparksHistoryServer() throws Exception {
    compare(
        oursOnS3,
        "s3:// (S3Proxy)",
        "spark-compat-differences-s3.txt",
        AllowList.load("/spark-compat-allowlist-s3.tsv"));
  }

  /** Spark's list, and every request for it, once for both comparisons. */
  private static synchronized List<Request> requests() throws Exception {
    if (requests == null) {
      int applications;
      try (Stream<Path> entries = Files.list(events)) {
        applications = (int) entries.count();
      }
      sparkList = RestApi.awaitListing(spark.port(), n -> n == applications, READY_TIMEOUT, spark, "Spark's");
      List<Request> all =
          new ArrayList<>(ApiRequests.listing(sparkList.get(3).get("attempts").get(0)));
      for (JsonNode app : sparkList) {
        all.addAll(
            ApiRequests.forApplication(
                app.get("id").asText(),
                app.get("name").asText(),
                path -> RestApi.parse(sparkAnswer(path))));
      }
      requests = all;
    }
    return requests;
  }

  private static HttpResponse<String> sparkAnswer(String path) {
    return SPARK_ANSWERS.computeIfAbsent(path, p -> RestApi.get(spark.port(), p));
  }

  private static void compare(
      HistoryServerService server, String source, String reportFile, AllowList allowList)
      throws Exception {
    List<Request> requests = requests();
    RestApi.awaitListing(server.port(), n -> n == sparkList.size(), READY_TIMEOUT, spark,
        "pipelens' (" + source + ")");

    Set<AllowList.Entry> used = new LinkedHashSet<>();
    Map<String, List<String>> unexplained = new LinkedHashMap<>();
    int equal = 0;
    int allowed = 0;
    for (Request request : requests) {
      HttpResponse<String> theirs = sparkAnswer(request.path());
      HttpResponse<String> mine = RestApi.get(server.port(), request.path());
      List<Difference> differences = new ArrayList<>();
      if (theirs.statusCode() != mine.statusCode()) {
        differences.add(new Difference("status", theirs.statusCode() + " vs " + mine.statusCode()));
      } else if (theirs.statusCode() == 200) {
        differences.addAll(JsonDiff.differences(RestApi.parse(theirs), RestApi.parse(mine)));
      }
      if (differences.isEmpty()) {
        equal++;
        continue;
      }
      List<String> left = new ArrayList<>();
      for (Difference difference : differences) {
        AllowList.Entry entry = allowList.find(request.app(), request.template(), difference);
        if (entry == null) {
          left.add(difference.toString());
        } else {
          used.add(entry);
        }
      }
      if (left.isEmpty()) {
        allowed++;
      } else {
        unexplained.put(
            request.app() + "\t" + request.template(), left.subList(0, Math.min(left.size(), 8)));
      }
    }

    System.out.printf(
        "Spark %s vs pipelens from %s: %d requests over %d applications: %d equal, %d equal but"
            + " for allow-listed fields, %d with unexplained differences%n",
        RestApi.get(spark.port(), "version").body().replaceAll("\\s+", ""),
        source,
        requests.size(),
        sparkList.size(),
        equal,
        allowed,
        unexplained.size());
    StringBuilder report = new StringBuilder();
    unexplained.forEach(
        (path, lines) ->
            report.append(path).append("\n    ").append(String.join("\n    ", lines)).append('\n'));
    Files.writeString(events.resolveSibling(reportFile), report);
    assertThat(unexplained).as("differences from Spark's answers:\n" + report).isEmpty();
    List<AllowList.Entry> stale = new ArrayList<>(allowList.entries());
    stale.removeAll(used);
    stale.removeIf(AllowList.Entry::timing);
    assertThat(stale).as("allow-list entries no difference needed; remove them").isEmpty();
    assertThat(equal).as("most answers are equal outright").isGreaterThan(requests.size() / 2);
  }

}
