package io.pipelens.sparkcompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 4's "archived Spark events of a real Spark application are readable by the history
 * server after the collector writes them": the uncompressed, single-file event logs real Spark 4.1
 * wrote in this run ({@link SparkEventLogs}) go line by line, as an agent ships them, over OTLP/HTTP
 * into a real collector that archives them to S3Proxy in Spark's rolling zstd layout; pipelens'
 * history server then answers about the archive as about Spark's original files, and so does
 * Spark's own History Server.
 */
class CollectorArchiveIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "archive-token";
  private static final String BUCKET = "collector-archive";

  @TempDir
  Path dir;

  @Test
  void sparkLogsArchivedByTheCollectorAreAnsweredAsTheOriginals() throws Exception {
    SparkRuntime runtime = SparkRuntime.resolve(Path.of("").toAbsolutePath());
    Path events = SparkEventLogs.write(runtime);
    List<Path> plain;
    try (Stream<Path> files = Files.list(events)) {
      plain = files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches("(local|app)-[0-9]+(-[0-9]+)?")).sorted().toList();
    }
    assertThat(plain).as("uncompressed, finished, single-file logs Spark wrote in " + events).isNotEmpty();
    Path originals = Files.createDirectories(dir.resolve("originals"));
    for (Path log : plain) {
      Files.copy(log, originals.resolve(log.getFileName()));
    }

    S3Server s3 = TestServers.s3();
    s3.start();
    S3Upload.tree(s3, BUCKET, originals, "unused/"); // creates the bucket
    String yaml = """
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        otlp:
          http: {host: 127.0.0.1, port: 0}
          grpc: {enabled: false}
          tokens:
            - {token: %s, team: spark-compat}
        archive:
          uri: s3://%s/spark-events
          endpoint: %s
          region: %s
          path_style: true
          access_key: %s
          secret_key: %s
          max_file_size: 64KiB
        logging: {level: warn}
        """.formatted(dir.resolve("collector"), TOKEN, BUCKET, s3.endpoint(), s3.region(), s3.accessKey(),
        s3.secretKey());
    CollectorConfig config = ConfigLoader.create(Map.of()).parse(yaml, "collector.yaml", CollectorConfig.class);
    List<String> apps = new ArrayList<>();
    try (Collector collector = Collector.create(config)) {
      collector.start();
      OtlpLogsCodec codec = new OtlpLogsCodec();
      for (Path log : plain) {
        List<LogRecord> lines = lines(log);
        apps.add(lines.get(0).resource().attributes().getString(AttributeNames.SPARK_APP_ID));
        for (int i = 0; i < lines.size(); i += 50) {
          byte[] body = codec.encode(lines.subList(i, Math.min(lines.size(), i + 50)));
          HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + collector.otlpPort() + "/v1/logs"))
              .header("Content-Type", OtlpLogsCodec.CONTENT_TYPE).header("Authorization", "Bearer " + TOKEN)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(answer.statusCode()).as("OTLP answer: stored in the archive").isEqualTo(200);
        }
      }
    }

    String s3Config = "s3:\n  endpoint: " + s3.endpoint() + "\n  region: " + s3.region()
        + "\n  path_style_access: true\n  access_key: " + s3.accessKey() + "\n  secret_key: " + s3.secretKey() + "\n";
    try (HistoryServerService fromOriginals = historyServer("  - " + originals.toUri() + "\n", plain.size());
        HistoryServerService fromArchive = historyServer("  - s3://" + BUCKET + "/spark-events\n" + s3Config,
            plain.size())) {
      assertThat(stripped(get(fromArchive, "/api/v1/applications")))
          .isEqualTo(stripped(get(fromOriginals, "/api/v1/applications")));
      for (String app : apps) {
        JsonNode listed = get(fromArchive, "/api/v1/applications/" + app);
        assertThat(listed.path("attempts").get(0).path("completed").asBoolean()).as(app + " completed").isTrue();
        for (String path : List.of("", "/jobs", "/stages", "/executors", "/environment", "/allexecutors",
            "/storage/rdd")) {
          String api = "/api/v1/applications/" + app + path;
          assertThat(stripped(get(fromArchive, api))).as(api).isEqualTo(stripped(get(fromOriginals, api)));
        }
        JsonNode stages = get(fromArchive, "/api/v1/applications/" + app + "/stages");
        for (JsonNode stage : stages) {
          String api = "/api/v1/applications/" + app + "/stages/" + stage.path("stageId").asInt() + "/"
              + stage.path("attemptId").asInt() + "/taskList?length=1000";
          assertThat(stripped(get(fromArchive, api))).as(api).isEqualTo(stripped(get(fromOriginals, api)));
        }
      }
    }

    // Spark's own History Server reads the archive too (copied out of the bucket, as the layout is
    // what is checked): the same answers as it gives on the original files.
    Path archived = download(s3, BUCKET, "spark-events/", dir.resolve("archive-copy"));
    Path target = Path.of("target").toAbsolutePath();
    try (SparkHistoryServer onOriginals = SparkHistoryServer.start(runtime, originals.toUri().toString(),
            target.resolve("spark-history-originals.log"));
        SparkHistoryServer onArchive = SparkHistoryServer.start(runtime, archived.toUri().toString(),
            target.resolve("spark-history-archive.log"))) {
      RestApi.awaitListing(onOriginals.port(), n -> n >= apps.size(), Duration.ofMinutes(2), onOriginals,
          "Spark's (originals)");
      RestApi.awaitListing(onArchive.port(), n -> n >= apps.size(), Duration.ofMinutes(2), onArchive,
          "Spark's (archive)");
      for (String app : apps) {
        for (String path : List.of("", "/jobs", "/stages", "/executors", "/environment", "/allexecutors")) {
          String api = "applications/" + app + path;
          assertThat(stripped(sparkJson(onArchive, api))).as("Spark: " + api)
              .isEqualTo(stripped(sparkJson(onOriginals, api)));
        }
      }
    }
  }

  /** Every object under {@code prefix} in {@code bucket}, as files under {@code to}. */
  private static Path download(S3Server s3, String bucket, String prefix, Path to) throws Exception {
    try (S3Client client = s3.client()) {
      for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        Path file = to.resolve(object.key().substring(prefix.length()));
        Files.createDirectories(file.getParent());
        Files.write(file, client.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray());
      }
    }
    return to;
  }

  private static JsonNode sparkJson(SparkHistoryServer spark, String path) {
    HttpResponse<String> response = RestApi.get(spark.port(), path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return RestApi.parse(response);
  }

  /** One record per line of {@code log}, as the agent's {@code spark_events} preset ships it. */
  private static List<LogRecord> lines(Path log) throws Exception {
    byte[] bytes = Files.readAllBytes(log);
    String appId = null;
    List<String> texts = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
        if (appId == null && line.contains("\"SparkListenerApplicationStart\"")) {
          appId = JSON.readTree(line).path("App ID").asText();
        }
        texts.add(line);
        offsets.add((long) start);
        start = i + 1;
      }
    }
    assertThat(appId).as("the application id in " + log).isNotBlank();
    Resource driver = Resource.of(Attributes.builder()
        .put(AttributeNames.K8S_NAMESPACE_NAME, "spark-compat")
        .put(AttributeNames.K8S_POD_NAME, appId + "-driver")
        .put(AttributeNames.K8S_POD_UID, "uid-" + appId)
        .put(AttributeNames.SPARK_APP_ID, appId)
        .build());
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      records.add(LogRecord.builder()
          .timestamp(Instant.now())
          .body(texts.get(i))
          .resource(driver)
          .attributes(Attributes.builder()
              .put(AttributeNames.PIPELENS_STREAM, "event")
              .put(AttributeNames.LOG_FILE_PATH, "/var/log/spark-events/" + log.getFileName())
              .put(AttributeNames.LOG_OFFSET, offsets.get(i))
              .build())
          .build());
    }
    return records;
  }

  private static HistoryServerService historyServer(String directories, int apps) throws Exception {
    HistoryServerConfig config = ConfigLoader.create(Map.of()).parse("log_directories:\n" + directories
        + "scan_interval: 1s\nhttp:\n  host: 127.0.0.1\n  port: 0\nlogging:\n  level: warn\n",
        "history-server.yaml", HistoryServerConfig.class);
    HistoryServerService service = new HistoryServerService(config);
    service.start();
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (service.refresher().listing().size() < apps) {
      assertThat(System.nanoTime()).as("a scan of " + directories + " lists " + apps + " apps").isLessThan(end);
      Thread.sleep(100);
    }
    return service;
  }

  private static JsonNode get(HistoryServerService service, String path) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The answer without the log files' modification times, which differ by nature. */
  private static JsonNode stripped(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(List.of("lastUpdated", "lastUpdatedEpoch"));
    }
    node.forEach(CollectorArchiveIT::strip);
  }
}
