package io.pipelens.agent.output.file;

import static io.pipelens.agent.output.TestRecords.batch;
import static io.pipelens.agent.output.TestRecords.record;
import static io.pipelens.agent.output.TestRecords.records;
import static io.pipelens.agent.output.TestRecords.sparkPod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.output.internal.OutputMetrics;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.runtime.liveness.Liveness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Resource POD = sparkPod("spark-app-1", "uid-1");

  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void writesOneLineOfTheDocumentedShapePerRecord() throws Exception {
    Path file = dir.resolve("nested/out.ndjson");
    List<LogRecord> sent = records(POD, "engine", "/var/log/driver.log", 0, 3);

    List<String> lines = writeToFile(file, sent);

    assertThat(lines).hasSize(3);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("time_unix_nano").asLong()).isEqualTo(sent.get(0).timestampNanos());
    assertThat(first.get("observed_time_unix_nano").asLong()).isEqualTo(sent.get(0).observedTimestampNanos());
    assertThat(first.get("severity_number").asInt()).isEqualTo(9);
    assertThat(first.get("severity_text").asText()).isEqualTo("INFO");
    assertThat(first.get("body").asText()).isEqualTo("line at 0 of /var/log/driver.log");
    assertThat(first.get("attributes").get("log.file.path").asText()).isEqualTo("/var/log/driver.log");
    assertThat(first.get("attributes").get("log.offset").isIntegralNumber()).isTrue();
    assertThat(JSON.readTree(lines.get(2)).get("attributes").get("log.offset").asLong()).isEqualTo(200);
    assertThat(first.get("attributes").get("pipelens.stream").asText()).isEqualTo("engine");
    assertThat(first.get("resource").get("spark.app.id").asText()).isEqualTo("spark-app-1");
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(3);
  }

  @Test
  void escapesControlCharactersAndKeepsNonAsciiText() throws Exception {
    String body = "quote \" backslash \\ newline \n tab \t bell \u0007 — 日本語 😀 lone \uD800 end";
    LogRecord tricky = record(POD, "business", "/ünïcødé/路径.log", 42, body);

    List<String> lines = writeToFile(dir.resolve("out.ndjson"), List.of(tricky));

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\n").contains("日本語 😀");
    JsonNode node = JSON.readTree(lines.get(0));
    assertThat(node.get("body").asText()).isEqualTo(body.replace('\uD800', '\uFFFD'));
    assertThat(node.get("attributes").get("log.file.path").asText()).isEqualTo("/ünïcødé/路径.log");
  }

  @Test
  void rendersNonStringBodiesAsJsonText() throws Exception {
    LogRecord structured =
        record(POD, "event", "/e.log", 0, "x").toBuilder()
            .body(
                AnyValue.of(
                    Attributes.builder()
                        .put("Event", "SparkListenerJobStart")
                        .put("Job ID", 3)
                        .put("ratio", Double.NaN)
                        .put("ok", true)
                        .build()))
            .build();
    LogRecord empty = record(POD, "event", "/e.log", 100, "x").toBuilder().body(AnyValue.empty()).build();

    List<String> lines = writeToFile(dir.resolve("out.ndjson"), List.of(structured, empty));

    JsonNode body = JSON.readTree(JSON.readTree(lines.get(0)).get("body").asText());
    assertThat(body.get("Event").asText()).isEqualTo("SparkListenerJobStart");
    assertThat(body.get("Job ID").asInt()).isEqualTo(3);
    assertThat(body.get("ratio").asText()).isEqualTo("NaN");
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(JSON.readTree(lines.get(1)).get("body").asText()).isEmpty();
  }

  @Test
  void appendsAcrossRestartsAndRotatesAtTheConfiguredSize() throws Exception {
    Path file = dir.resolve("out.ndjson");
    writeToFile(file, records(POD, "engine", "/a.log", 0, 2));
    List<String> lines = writeToFile(file, records(POD, "engine", "/a.log", 200, 2));
    assertThat(lines).hasSize(4);

    FileOutputConfig rotating =
        ConfigLoader.create(Map.of())
            .parse("path: " + file + "\nrotate_size: 1KiB\nfsync: true\n", "file.yaml", FileOutputConfig.class);
    NdjsonOutput output = NdjsonOutput.file("file-test", rotating, registry, new Liveness());
    output.start();
    output.send(batch(records(POD, "engine", "/a.log", 400, 1))).toCompletableFuture().get(5, TimeUnit.SECONDS);
    output.stop(Duration.ofSeconds(5));

    assertThat(Files.readAllLines(dir.resolve("out.ndjson.1"))).hasSize(4);
    assertThat(Files.readAllLines(file)).hasSize(1);
  }

  @Test
  void stdoutWritesTheSameLinesAndPrettyIndents() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    NdjsonOutput plain = NdjsonOutput.stream("stdout-test", StdoutOutputConfig.defaults(), out, "test stream", registry, new Liveness());
    plain.start();
    plain.send(batch(records(POD, "engine", "/a.log", 0, 2))).toCompletableFuture().get(5, TimeUnit.SECONDS);
    plain.stop(Duration.ofSeconds(1));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines[1]).get("attributes").get("log.offset").asLong()).isEqualTo(100);

    ByteArrayOutputStream prettyBytes = new ByteArrayOutputStream();
    NdjsonOutput pretty =
        NdjsonOutput.stream(
            "stdout-pretty", new StdoutOutputConfig(true), new PrintStream(prettyBytes, true, StandardCharsets.UTF_8),
            "test stream", registry, new Liveness());
    pretty.start();
    pretty.send(batch(records(POD, "engine", "/a.log", 0, 1))).toCompletableFuture().get(5, TimeUnit.SECONDS);
    pretty.stop(Duration.ofSeconds(1));
    String text = prettyBytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().count()).isGreaterThan(5);
    assertThat(JSON.readTree(text).get("severity_text").asText()).isEqualTo("INFO");
  }

  @Test
  void batchesSentWithoutWaitingAreWrittenWholeAndInOrder() throws Exception {
    // The encoder writes each batch into a buffer it takes back once the worker has written it:
    // batches queued behind each other, of growing and shrinking sizes, must each keep their bytes.
    Path file = dir.resolve("out.ndjson");
    FileOutputConfig config =
        ConfigLoader.create(Map.of()).parse("path: " + file + "\n", "file.yaml", FileOutputConfig.class);
    NdjsonOutput output = NdjsonOutput.file("file-test", config, registry, new Liveness());
    output.start();
    List<LogRecord> all = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<Void>> acks = new ArrayList<>();
    try {
      for (int b = 0; b < 40; b++) {
        int size = 1 + (b * 37) % 300;
        List<LogRecord> records = records(POD, "engine", "/var/log/batch-" + b + ".log", all.size() * 100L, size);
        all.addAll(records);
        acks.add(output.send(batch(new ArrayList<>(records))).toCompletableFuture());
      }
      for (var ack : acks) {
        ack.get(10, TimeUnit.SECONDS);
      }
      String expected = new String(NdjsonEncoder.encodeWithJackson(all, false), StandardCharsets.UTF_8);
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    } finally {
      output.stop(Duration.ofSeconds(5));
    }
  }

  private List<String> writeToFile(Path file, List<LogRecord> records) throws Exception {
    FileOutputConfig config =
        ConfigLoader.create(Map.of()).parse("path: " + file + "\n", "file.yaml", FileOutputConfig.class);
    NdjsonOutput output = NdjsonOutput.file("file-test", config, registry, new Liveness());
    output.start();
    try {
      output.send(batch(new ArrayList<>(records))).toCompletableFuture().get(5, TimeUnit.SECONDS);
      // Acknowledged means written: the lines are there before stop.
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } finally {
      output.stop(Duration.ofSeconds(5));
    }
  }

  private double counter(String name) {
    return registry.get(name).tag("output", "file-test").counter().count();
  }
}
