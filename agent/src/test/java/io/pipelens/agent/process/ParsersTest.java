package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.process.Harness.Emitted;
import io.pipelens.agent.process.multiline.MultilineConfig;
import io.pipelens.agent.process.parse.ParserConfig;
import io.pipelens.agent.process.parse.ParserType;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

  private final Harness harness = new Harness();

  private List<Emitted> run(ProcessingConfig processing, String text) throws InterruptedException {
    harness.builder.defaultProcessing(processing);
    SourceFile file = Harness.file("/var/log/app/test.log");
    harness.feed(file, text.getBytes(StandardCharsets.UTF_8));
    harness.chain().closed(file);
    return harness.emitted;
  }

  private static long nanos(String instant) {
    Instant at = Instant.parse(instant);
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  @Test
  void sparkPatternLayoutGivesTimeInTheConfiguredZoneLevelLoggerAndMessage() throws Exception {
    ProcessingConfig shanghai =
        new ProcessingConfig(Preset.SPARK, null, new ParserConfig(null, null, null, "Asia/Shanghai"));
    LogRecord record = run(shanghai, "24/05/01 12:00:01 INFO SparkContext: Running Spark version 3.5.1\n")
        .get(0).record();

    assertThat(record.timestampNanos()).isEqualTo(nanos("2024-05-01T04:00:01Z"));
    assertThat(record.severity()).isEqualTo(Severity.INFO);
    assertThat(record.severityText()).isEqualTo("INFO");
    assertThat(record.attributes().getString("log.logger")).isEqualTo("SparkContext");
    assertThat(record.body()).isEqualTo(AnyValue.of("Running Spark version 3.5.1"));
    assertThat(record.observedTimestampNanos()).isEqualTo(nanos(Harness.NOW.toString()));
    assertThat(harness.counter("pipelens.agent.parse.failures")).isZero();
  }

  @Test
  void sparkRecordKeepsItsStackTraceInTheBodyAndDefaultsToUtc() throws Exception {
    LogRecord record = run(ProcessingConfig.of(Preset.SPARK),
        "24/05/01 12:00:05 ERROR Executor: Exception in task 3.0 in stage 2.0 (TID 17)\n"
            + "java.lang.OutOfMemoryError: Java heap space\n"
            + "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n").get(0).record();

    assertThat(record.timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:05Z"));
    assertThat(record.severity()).isEqualTo(Severity.ERROR);
    assertThat(record.attributes().getString("log.logger")).isEqualTo("Executor");
    assertThat(record.body()).isEqualTo(AnyValue.of("Exception in task 3.0 in stage 2.0 (TID 17)\n"
        + "java.lang.OutOfMemoryError: Java heap space\n"
        + "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)"));
  }

  @Test
  void sparkStructuredJsonLayout() throws Exception {
    String line = "{\"ts\":\"2024-05-01T12:00:01.123Z\",\"level\":\"ERROR\",\"msg\":\"Exception in task 0.0 in stage 1.0 (TID 1)\","
        + "\"context\":{\"executor_id\":\"3\",\"task_name\":\"task 0.0 in stage 1.0 (TID 1)\"},"
        + "\"exception\":{\"class\":\"java.lang.OutOfMemoryError\",\"msg\":\"Java heap space\","
        + "\"stacktrace\":[{\"class\":\"java.util.Arrays\",\"method\":\"copyOf\",\"file\":\"Arrays.java\",\"line\":3537}]},"
        + "\"logger\":\"Executor\"}\n";
    LogRecord record = run(ProcessingConfig.of(Preset.SPARK), line).get(0).record();

    assertThat(record.timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:01.123Z"));
    assertThat(record.severity()).isEqualTo(Severity.ERROR);
    assertThat(record.attributes().getString("log.logger")).isEqualTo("Executor");
    assertThat(record.attributes().getString("executor_id")).isEqualTo("3");
    assertThat(record.attributes().getString("exception.type")).isEqualTo("java.lang.OutOfMemoryError");
    assertThat(record.body()).isEqualTo(AnyValue.of("Exception in task 0.0 in stage 1.0 (TID 1)\n"
        + "java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3537)"));
  }

  @Test
  void rayCppAndPythonLines() throws Exception {
    byte[] raylet = Harness.fixture("raylet.out");
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.RAY));
    SourceFile file = Harness.file("/tmp/ray/session_latest/logs/raylet.out");
    harness.feed(file, raylet);
    harness.line(file, raylet.length,
        "2024-05-01 12:00:04,250\tWARNING worker.py:2058 -- A worker died or was killed while executing a task.");
    harness.chain().idle(file);

    assertThat(harness.emitted).hasSize(4);
    LogRecord first = harness.emitted.get(0).record();
    assertThat(first.timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:01.123Z"));
    assertThat(first.severity()).isEqualTo(Severity.INFO);
    assertThat(first.severityText()).isEqualTo("I");
    assertThat(first.body()).isEqualTo(AnyValue.of("Registering worker"));
    Attributes attributes = first.attributes();
    assertThat(attributes.getLong("process.pid")).isEqualTo(1234);
    assertThat(attributes.getLong("thread.id")).isEqualTo(5678);
    assertThat(attributes.getString("ray.component")).isEqualTo("raylet");
    assertThat(attributes.getString("code.file.path")).isEqualTo("node_manager.cc");
    assertThat(attributes.getLong("code.line.number")).isEqualTo(123);

    LogRecord second = harness.emitted.get(1).record();
    assertThat(second.severity()).isEqualTo(Severity.ERROR);
    assertThat(second.body()).isEqualTo(AnyValue.of(
        "Some workers of the worker process(4321) have not registered within the timeout.\n"
            + "*** StackTrace Information ***\n    ray::operator<<()"));

    LogRecord python = harness.emitted.get(3).record();
    assertThat(python.timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:04.250Z"));
    assertThat(python.severity()).isEqualTo(Severity.WARN);
    assertThat(python.attributes().getString("code.file.path")).isEqualTo("worker.py");
    assertThat(python.attributes().getLong("code.line.number")).isEqualTo(2058);
    assertThat(python.body()).isEqualTo(AnyValue.of("A worker died or was killed while executing a task."));
  }

  @Test
  void jsonBusinessLogFieldsAndNestedObjects() throws Exception {
    String line = "{\"@timestamp\":\"2024-05-01T20:00:01.5+08:00\",\"level\":\"warning\",\"message\":\"slow shard\","
        + "\"shard\":17,\"ratio\":0.25,\"retry\":true,\"tags\":[\"a\",\"b\"],\"source\":{\"bucket\":\"raw\",\"size\":10},\"none\":null}\n";
    LogRecord record = run(new ProcessingConfig(null, null, ParserConfig.of(ParserType.JSON)), line).get(0).record();

    assertThat(record.timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:01.500Z"));
    assertThat(record.severity()).isEqualTo(Severity.WARN);
    assertThat(record.severityText()).isEqualTo("warning");
    assertThat(record.body()).isEqualTo(AnyValue.of("slow shard"));
    Attributes attributes = record.attributes();
    assertThat(attributes.getLong("shard")).isEqualTo(17);
    assertThat(attributes.getDouble("ratio")).isEqualTo(0.25);
    assertThat(attributes.getBoolean("retry")).isTrue();
    assertThat(attributes.get("tags")).isEqualTo(AnyValue.ofArray(AnyValue.of("a"), AnyValue.of("b")));
    assertThat(attributes.get("source")).isEqualTo(
        AnyValue.of(Attributes.builder().put("bucket", "raw").put("size", 10L).build()));
    assertThat(attributes.containsKey("none")).isFalse();
    assertThat(attributes.getString("log.file.path")).isEqualTo("/var/log/app/test.log");
  }

  @Test
  void jsonEpochMillisAndLocalIsoTimesUseTheConfiguredZone() throws Exception {
    ProcessingConfig json = new ProcessingConfig(null, null, new ParserConfig(ParserType.JSON, null, null, "+02:00"));
    List<Emitted> records = run(json,
        "{\"time\":1714564801123,\"msg\":\"millis\"}\n{\"timestamp\":\"2024-05-01 14:00:01\",\"msg\":\"local\"}\n");

    assertThat(records.get(0).record().timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:01.123Z"));
    assertThat(records.get(1).record().timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:01Z"));
  }

  @Test
  void regexWithNamedGroupsTimeFormatAndZone() throws Exception {
    ParserConfig parser = new ParserConfig(ParserType.REGEX,
        "(?<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) (?<level>[A-Z]+) +\\[(?<thread>[^\\]]+)\\] (?<message>.*)",
        "yyyy-MM-dd HH:mm:ss,SSS", "America/New_York");
    ProcessingConfig processing = new ProcessingConfig(null,
        new MultilineConfig("\\d{4}-", null, null, null, null), parser);
    LogRecord record = run(processing,
        "2024-05-01 08:00:01,250 ERROR [pool-1] load failed\n\tat a.B.c(B.java:1)\n").get(0).record();

    assertThat(record.timestampNanos()).isEqualTo(nanos("2024-05-01T12:00:01.250Z"));
    assertThat(record.severity()).isEqualTo(Severity.ERROR);
    assertThat(record.attributes().getString("thread")).isEqualTo("pool-1");
    assertThat(record.body()).isEqualTo(AnyValue.of("load failed\n\tat a.B.c(B.java:1)"));
  }

  @Test
  void aLineThatDoesNotParseKeepsItsRawTextAndIsCounted() throws Exception {
    List<Emitted> records = run(ProcessingConfig.of(Preset.SPARK),
        "Setting default log level to \"WARN\".\n{\"ts\": broken json\n");

    assertThat(harness.bodies()).containsExactly("Setting default log level to \"WARN\".", "{\"ts\": broken json");
    assertThat(records.get(0).record().severity()).isEqualTo(Severity.UNSPECIFIED);
    assertThat(records.get(0).record().timestampNanos()).isZero();
    assertThat(harness.counter("pipelens.agent.parse.failures", "input", "test", "parser", "spark")).isEqualTo(2);
  }

  @Test
  void aTimestampInAnotherFormatKeepsTheOtherFieldsAndIsCounted() throws Exception {
    ParserConfig parser = new ParserConfig(ParserType.REGEX, "(?<time>\\S+) (?<message>.*)", "epoch_seconds", null);
    run(new ProcessingConfig(null, null, parser), "yesterday something happened\n");

    assertThat(harness.bodies()).containsExactly("something happened");
    assertThat(harness.emitted.get(0).record().timestampNanos()).isZero();
    assertThat(harness.counter("pipelens.agent.parse.failures", "parser", "regex")).isEqualTo(1);
  }
}
