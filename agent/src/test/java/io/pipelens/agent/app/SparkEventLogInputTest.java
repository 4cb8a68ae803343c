package io.pipelens.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.checkpoint.FileCheckpoints;
import io.pipelens.agent.process.ProcessorChain;
import io.pipelens.agent.source.FileTailer;
import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Stream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preset: spark_events} on a directory laid out as {@code spark.eventLog.dir}: every event
 * line becomes one record, byte for byte, with stream {@code event} and the app id of its file;
 * rolling parts are read in order; compressed logs and markers are not read.
 */
@Timeout(60)
class SparkEventLogInputTest {

  @TempDir Path dir;
  private final ConfigLoader loader = ConfigLoader.create(Map.of());

  private InputConfig input(String more) throws ConfigException {
    return loader.parse("file: {paths: [" + dir.resolve("events") + "/**]}\npreset: spark_events\n" + more,
        "agent.yaml", InputConfig.class);
  }

  // Event lines as Spark writes them: JSON with escapes, non-ASCII text and, once, a long plan.
  private static List<String> events(String app, int count, int longLineAt) {
    return IntStream.range(0, count).mapToObj(i -> i == longLineAt
        ? "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\",\"executionId\":"
            + i + ",\"physicalPlanDescription\":\"" + "== Physical Plan ==\\n* Project (1)\\n".repeat(80_000)
            + "\"}"
        : "{\"Event\":\"SparkListenerTaskEnd\",\"App\":\"" + app + "\",\"Task Info\":{\"Task ID\":" + i
            + ",\"Host\":\"10.0.0.7\",\"Note\":\"caf\u00e9 \\\"quoted\\\" \u65e5\u672c\"}}")
        .collect(Collectors.toList());
  }

  private static void write(Path file, List<String> lines) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void shipsEveryEventLineWholeWithItsAppAndRollingPartsInOrder() throws Exception {
    Path events = dir.resolve("events");
    List<String> single = events("local-1700000000000", 200, 50); // one 3 MiB line
    write(events.resolve("local-1700000000000.inprogress"), single);
    List<String> yarn = events("application_1516285256255_0012", 30, -1);
    write(events.resolve("application_1516285256255_0012_1"), yarn);
    Path rolling = events.resolve("eventlog_v2_spark-4f2a9c");
    List<String> part1 = events("spark-4f2a9c", 3_000, -1);
    List<String> part2 = events("spark-4f2a9c", 3_000, -1);
    List<String> part3 = events("spark-4f2a9c", 10, -1);
    write(rolling.resolve("events_2_spark-4f2a9c"), part2); // written first: order comes from n
    write(rolling.resolve("events_10_spark-4f2a9c"), part3);
    write(rolling.resolve("events_1_spark-4f2a9c"), part1);
    Files.writeString(rolling.resolve("appstatus_spark-4f2a9c.inprogress"), "");
    write(events.resolve("app-20240501120000-0001.lz4"), List.of("\u0004\"M\u0018 not lines"));
    write(events.resolve("eventlog_v2_local-1/events_1_local-1.zstd"), List.of("(\u00b5/\u00fd"));

    InputConfig input = input("");
    assertThat(input.stream()).isEqualTo(Stream.EVENT);
    assertThat(input.file().maxLineSize()).isEqualTo(DataSize.ofMebibytes(64));

    List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProcessorChain chain = ProcessorChain.builder(
            (file, record, endOffset, bytes) -> records.add(record), registry)
        .input("events", input.processing())
        .environment(Map.of())
        .build();
    int expected = single.size() + yarn.size() + part1.size() + part2.size() + part3.size();
    try (FileCheckpoints checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
        FileTailer tailer = new FileTailer("events", input.stream(), input.file(), checkpoints, chain, registry)) {
      tailer.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(300); // nothing more may come: not the compressed logs, not the markers
    }

    assertThat(records).hasSize(expected);
    assertThat(bodies(records, "local-1700000000000.inprogress")).containsExactlyElementsOf(single);
    assertThat(bodies(records, "application_1516285256255_0012_1")).containsExactlyElementsOf(yarn);
    List<String> rolled = new ArrayList<>(part1);
    rolled.addAll(part2);
    rolled.addAll(part3);
    assertThat(records.stream().filter(r -> path(r).contains("eventlog_v2_spark-4f2a9c"))
        .map(SparkEventLogInputTest::body).toList())
        .as("the rolling log's parts in index order, not side by side").isEqualTo(rolled);
    for (LogRecord record : records) {
      assertThat(record.attributes().getString(AttributeNames.PIPELENS_STREAM)).isEqualTo("event");
      assertThat(record.attributes().get(AttributeNames.LOG_TRUNCATED)).isNull();
      String path = path(record);
      String app = path.contains("local-1700000000000") ? "local-1700000000000"
          : path.contains("application_") ? "application_1516285256255_0012" : "spark-4f2a9c";
      assertThat(record.attributes().getString(AttributeNames.SPARK_APP_ID)).as(path).isEqualTo(app);
    }
  }

  @Test
  void refusesSettingsThatWouldChangeTheLines() {
    assertThatThrownBy(() -> input("stream: engine\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("stream").hasMessageContaining("must be event with preset spark_events");
    assertThatThrownBy(() -> input("multiline: {start_pattern: '^\\{'}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot join lines");
    assertThatThrownBy(() -> input("parser: {type: json}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must be none with preset spark_events");
  }

  @Test
  void keepsALineSizeTheUserChose() throws Exception {
    InputConfig input = loader.parse("file: {paths: [/e/**], max_line_size: 128MiB, exclude: [/e/old/**]}\n"
        + "preset: spark_events\n", "agent.yaml", InputConfig.class);
    assertThat(input.file().maxLineSize()).isEqualTo(DataSize.ofMebibytes(128));
    assertThat(input.file().exclude()).contains("/e/old/**", "/**/*.{lz4,lzf,snappy,zstd}");
  }

  private static String body(LogRecord record) {
    return ((AnyValue.StringValue) record.body()).value();
  }

  private static String path(LogRecord record) {
    return record.attributes().getString(AttributeNames.LOG_FILE_PATH);
  }

  private static List<String> bodies(List<LogRecord> records, String fileName) {
    return records.stream().filter(r -> Path.of(path(r)).getFileName().toString().equals(fileName))
        .map(SparkEventLogInputTest::body).toList();
  }
}
