package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.process.Harness.Emitted;
import io.pipelens.agent.process.multiline.MultilineConfig;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.config.DataSize;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilineTest {

  private final Harness harness = new Harness();

  @Test
  void sparkExecutorOutOfMemoryTracesAreOneRecordEach() throws Exception {
    byte[] log = Harness.fixture("spark-executor-oom.log");
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.SPARK));
    SourceFile file = Harness.file("/var/log/pods/etl_dedup-exec-2_uid-1/spark-kubernetes-executor/0.log");

    harness.feed(file, log);
    harness.chain().idle(file);

    List<Emitted> records = harness.emitted;
    assertThat(records).hasSize(6);
    Emitted failure = records.get(2);
    assertThat(failure.body())
        .startsWith("Exception in task 3.0 in stage 2.0 (TID 17)\njava.lang.OutOfMemoryError: Java heap space\n")
        .contains("\tat org.apache.spark.scheduler.ResultTask.runTask(ResultTask.scala:93)")
        .endsWith("\tat java.base/java.lang.Thread.run(Thread.java:840)");
    assertThat(failure.body().lines()).hasSize(20);
    assertThat(records.get(3).body()).startsWith("Uncaught exception in thread").contains("OutOfMemoryError");
    assertOffsetsChain(log, records,
        "24/05/01 12:00:01 INFO Executor",
        "24/05/01 12:00:01 INFO ShuffleBlockFetcherIterator",
        "24/05/01 12:00:05 ERROR Executor",
        "24/05/01 12:00:05 ERROR SparkUncaughtExceptionHandler",
        "24/05/01 12:00:05 INFO MemoryStore",
        "24/05/01 12:00:05 INFO ShutdownHookManager");
    assertThat(records).noneMatch(Emitted::truncated);
  }

  @Test
  void sparkExceptionWithCausesAndDriverStacktraceIsOneRecord() throws Exception {
    byte[] log = Harness.fixture("spark-driver-stage-failure.log");
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.SPARK));
    SourceFile file = Harness.file("/var/log/pods/etl_dedup-driver_uid-2/spark-kubernetes-driver/0.log");

    harness.feed(file, log);
    harness.chain().closed(file);

    List<Emitted> records = harness.emitted;
    assertThat(records).hasSize(4);
    String failure = records.get(2).body();
    assertThat(failure)
        .startsWith("Aborting job 5b1c2d4e-8f0a-4c1b-9d2e-3f4a5b6c7d8e.\norg.apache.spark.SparkException: Job aborted")
        .contains("Caused by: java.io.IOException: No space left on device\n")
        .contains("\t... 15 more\n\nDriver stacktrace:\n")
        .endsWith("\t... 12 more");
    assertOffsetsChain(log, records,
        "24/05/01 12:10:00 WARN TaskSetManager",
        "24/05/01 12:10:00 ERROR TaskSetManager",
        "24/05/01 12:10:00 ERROR FileFormatWriter",
        "24/05/01 12:10:01 INFO SparkContext");
    assertThat(harness.chain().openFiles()).isZero();
  }

  @Test
  void pythonTracebacksIncludingChainedOnesAreOneRecordEach() throws Exception {
    byte[] log = Harness.fixture("python-traceback.log");
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.PYTHON));
    SourceFile file = Harness.file("/data/job/dedup.log");

    harness.feed(file, log);
    harness.chain().idle(file);

    assertThat(harness.bodies()).hasSize(4);
    assertThat(harness.bodies().get(1))
        .startsWith("2024-05-01 12:00:02,456 ERROR dedup: failed to process shard 17\nTraceback (most recent call last):\n")
        .endsWith("    raise ValueError(f\"empty document at row {row}\")\nValueError: empty document at row 9812");
    assertThat(harness.bodies().get(2))
        .startsWith("2024-05-01 12:00:03,000 WARNING dedup: retrying shard 17\nTraceback")
        .contains("FileNotFoundError: [Errno 2]")
        .contains("\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback")
        .endsWith("          ^^^^^^^^^^^^^^^^\nRuntimeError: shard 17 unreadable");
    assertThat(harness.bodies().get(3)).isEqualTo("2024-05-01 12:00:04,000 INFO dedup: giving up on shard 17");
    assertOffsetsChain(log, harness.emitted,
        "2024-05-01 12:00:01,123 INFO",
        "2024-05-01 12:00:02,456 ERROR",
        "2024-05-01 12:00:03,000 WARNING",
        "2024-05-01 12:00:04,000 INFO");
  }

  @Test
  void javaStackTracesContinueTheLineBeforeThem() throws Exception {
    byte[] log = Harness.fixture("java-app.log");
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.JAVA));
    SourceFile file = Harness.file("/data/app/app.log");

    harness.feed(file, log);
    harness.chain().idle(file);

    assertThat(harness.bodies()).hasSize(3);
    assertThat(harness.bodies().get(1))
        .startsWith("2024-05-01T12:00:01.000Z ERROR [main] com.example.etl.Loader - partition 3 failed\ncom.example.etl.LoadException")
        .contains("Caused by: java.lang.IllegalStateException: magic mismatch")
        .endsWith("\t... 2 more");
  }

  @Test
  void aWaitingRecordIsEmittedOnIdleAndNotBefore() throws Exception {
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.SPARK));
    SourceFile file = Harness.file("/logs/a.log");
    String first = "24/05/01 12:00:05 ERROR Executor: Exception in task 3.0";
    String second = "java.lang.OutOfMemoryError: Java heap space";
    harness.line(file, 0, first);
    harness.line(file, first.length() + 1, second);

    assertThat(harness.emitted).isEmpty();
    harness.chain().idle(renamed(file));

    assertThat(harness.emitted).singleElement().satisfies(record -> {
      assertThat(record.body()).isEqualTo("Exception in task 3.0\njava.lang.OutOfMemoryError: Java heap space");
      assertThat(record.offset()).isZero();
      assertThat(record.endOffset()).isEqualTo(first.length() + 1 + second.length() + 1);
    });
    harness.chain().idle(file);
    assertThat(harness.emitted).hasSize(1);
  }

  @Test
  void maxLinesSplitsARecordAndMarksItTruncatedWithoutLosingLines() throws Exception {
    harness.builder.defaultProcessing(new ProcessingConfig(null,
        new MultilineConfig("START", null, null, 3, null), null));
    SourceFile file = Harness.file("/logs/b.log");
    harness.feed(file, "START one\n a\n b\n c\n d\n e\n f\nSTART two\n".getBytes(StandardCharsets.UTF_8));
    harness.chain().idle(file);

    assertThat(harness.bodies()).containsExactly("START one\n a\n b", " c\n d\n e", " f", "START two");
    assertThat(harness.emitted).extracting(Emitted::truncated).containsExactly(true, true, false, false);
    assertThat(harness.emitted).extracting(Emitted::offset).containsExactly(0L, 16L, 25L, 28L);
    assertThat(harness.counter("pipelens.agent.truncated.records", "reason", "max_lines")).isEqualTo(2);
  }

  @Test
  void maxRecordSizeCutsAtALineAndASingleLongLineInside() throws Exception {
    harness.builder.defaultProcessing(new ProcessingConfig(null,
        new MultilineConfig(null, "[ \\t]", null, null, DataSize.ofBytes(64)), null));
    SourceFile file = Harness.file("/logs/c.log");
    String head = "x".repeat(40);
    String continuation = " " + "y".repeat(30);
    // 30 bytes of two-byte characters, then ASCII: the cut must not split a character.
    String wide = "é".repeat(40) + "z".repeat(20);
    harness.feed(file, (head + "\n" + continuation + "\n" + wide + "\n").getBytes(StandardCharsets.UTF_8));
    harness.chain().idle(file);

    assertThat(harness.bodies()).containsExactly(head, continuation, "é".repeat(32));
    assertThat(harness.emitted).extracting(Emitted::truncated).containsExactly(true, false, true);
    assertThat(harness.emitted).allSatisfy(
        record -> assertThat(record.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64));
    assertThat(harness.counter("pipelens.agent.invalid.utf8")).isZero();
    assertThat(harness.counter("pipelens.agent.truncated.records", "reason", "max_record_size")).isEqualTo(2);
  }

  @Test
  void aLineTheTailerCutIsMarkedTruncated() throws Exception {
    SourceFile file = Harness.file("/logs/d.log");
    byte[] line = "partial line".getBytes(StandardCharsets.UTF_8);
    harness.chain().line(file, 100, 5000, line, line.length, true);

    assertThat(harness.emitted).singleElement().satisfies(record -> {
      assertThat(record.truncated()).isTrue();
      assertThat(record.endOffset()).isEqualTo(5000);
    });
    assertThat(harness.counter("pipelens.agent.truncated.records", "reason", "line")).isEqualTo(1);
  }

  @Test
  void blankLinesBetweenRecordsAreSkippedButCoveredByTheNextOffsets() throws Exception {
    SourceFile file = Harness.file("/logs/e.log");
    harness.feed(file, "first\n\n  \r\nsecond\n".getBytes(StandardCharsets.UTF_8));

    assertThat(harness.bodies()).containsExactly("first", "second");
    assertThat(harness.emitted).extracting(Emitted::offset).containsExactly(0L, 11L);
    assertThat(harness.emitted.get(1).endOffset()).isEqualTo(18);
  }

  @Test
  void withBothPatternsStrayLinesStayRecordsOfTheirOwn() throws Exception {
    harness.builder.defaultProcessing(new ProcessingConfig(null,
        new MultilineConfig("\\d{2}/\\d{2}/\\d{2} ", "[ \\t]+at |Caused by: ", null, null, null), null));
    SourceFile file = Harness.file("/logs/mixed.log");
    harness.feed(file, ("24/05/01 12:00:05 ERROR Executor: failed\n\tat a.B.c(B.java:1)\n"
        + "print() output from the job\nCaused by: x\n24/05/01 12:00:06 INFO Executor: ok\n").getBytes(StandardCharsets.UTF_8));
    harness.chain().idle(file);

    assertThat(harness.bodies()).containsExactly(
        "24/05/01 12:00:05 ERROR Executor: failed\n\tat a.B.c(B.java:1)",
        "print() output from the job\nCaused by: x",
        "24/05/01 12:00:06 INFO Executor: ok");
  }

  @Test
  void aBareTracebackStartsItsOwnRecord() throws Exception {
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.PYTHON));
    SourceFile file = Harness.file("/logs/worker.err");
    harness.feed(file, ("Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n"
        + "KeyError: 'id'\nnext print\n").getBytes(StandardCharsets.UTF_8));
    harness.chain().idle(file);

    assertThat(harness.bodies()).containsExactly(
        "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nKeyError: 'id'", "next print");
  }

  @Test
  void filesKeepTheirOwnPendingRecords() throws Exception {
    harness.builder.defaultProcessing(ProcessingConfig.of(Preset.JAVA));
    SourceFile one = Harness.file("/logs/one.log");
    SourceFile two = Harness.file("/logs/two.log");
    harness.line(one, 0, "one failed");
    harness.line(two, 0, "two failed");
    harness.line(one, 11, "\tat One.run(One.java:1)");
    harness.line(two, 11, "\tat Two.run(Two.java:2)");
    harness.chain().closed(one);
    harness.chain().closed(two);

    assertThat(harness.bodies())
        .containsExactly("one failed\n\tat One.run(One.java:1)", "two failed\n\tat Two.run(Two.java:2)");
    assertThat(harness.emitted.get(0).file()).isEqualTo(one);
  }

  // The same file under another path, as after a rotation: state follows the identity.
  private static SourceFile renamed(SourceFile file) {
    return new SourceFile(file.input(), java.nio.file.Path.of(file.path() + ".1"), file.identity(), file.stream(), file.format());
  }

  private static void assertOffsetsChain(byte[] log, List<Emitted> records, String... firstLines) {
    assertThat(records).hasSameSizeAs(firstLines);
    for (int i = 0; i < firstLines.length; i++) {
      long start = Harness.offsetOf(log, firstLines[i]);
      long end = i + 1 < firstLines.length ? Harness.offsetOf(log, firstLines[i + 1]) : log.length;
      assertThat(records.get(i).offset()).as("offset of record %d", i).isEqualTo(start);
      assertThat(records.get(i).endOffset()).as("end offset of record %d", i).isEqualTo(end);
    }
  }
}
