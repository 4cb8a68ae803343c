package io.pipelens.collector.sink.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Spark event log through the archive into a local directory, and back. */
class LocalEventLogArchiveTest {

  private static final String DIR = "eventlog_v2_local-1422981780767";

  @TempDir
  Path root;

  private EventLogArchiveSink sink(SimpleMeterRegistry registry, DataSize maxFileSize, Duration roll) {
    ArchiveConfig config = new ArchiveConfig(root.toUri(), null, null, null, null, null, null,
        maxFileSize, roll, null, null);
    EventLogArchiveSink sink = new EventLogArchiveSink(config, Clock.systemUTC(), registry);
    sink.start();
    return sink;
  }

  @Test
  void rollsBySizeIntoCompleteZstdFilesThatDecompressToTheOriginalBytes() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // 16 KiB files out of a 68 KB log: several rolls, each by Spark's rule.
    EventLogArchiveSink sink = sink(registry, DataSize.ofKibibytes(16), Duration.ofMinutes(10));
    List<LogRecord> records = EventLogLines.records();
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < records.size(); i += 10) {
      acks.add(sink.write(records.subList(i, Math.min(records.size(), i + 10))));
    }
    // The last batch holds SparkListenerApplicationEnd, which rolls at once; everything is durable.
    CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
    sink.stop(Duration.ofSeconds(5));

    List<String> names = listing();
    assertThat(names).contains("appstatus_local-1422981780767").doesNotContain("appstatus_local-1422981780767.inprogress");
    List<String> events = names.stream().filter(n -> n.startsWith("events_")).toList();
    assertThat(events.size()).isGreaterThanOrEqualTo(5);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int n = 1; n <= events.size(); n++) {
      Path file = root.resolve(DIR).resolve("events_" + n + "_local-1422981780767.zstd");
      byte[] plain = EventLogLines.decompress(Files.readAllBytes(file));
      // Rolled before the next line would pass 16 KiB, unless one line alone is larger.
      assertThat(plain.length <= 16 * 1024 || countLines(plain) == 1).as(file.toString()).isTrue();
      all.write(plain);
    }
    assertThat(all.toByteArray()).isEqualTo(EventLogLines.original());
    assertThat(registry.get("pipelens_collector_archive_uploads").tag("result", "success").counter().count())
        .isEqualTo(events.size() + 2); // plus appstatus .inprogress and final
    assertThat(registry.get("pipelens_collector_sent_records").tag("output", "archive").counter().count())
        .isEqualTo(records.size());
  }

  @Test
  void rollsByTimeAcknowledgesOnlyDurableFilesAndSkipsRedeliveriesAcrossRestarts() throws Exception {
    List<LogRecord> records = EventLogLines.records();
    int half = records.size() / 2;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EventLogArchiveSink first = sink(registry, DataSize.ofMebibytes(128), Duration.ofMillis(300));
    CompletableFuture<Void> ack = first.write(records.subList(0, half));
    assertThat(ack).isNotDone(); // waiting for its file to roll
    ack.get(10, TimeUnit.SECONDS);
    assertThat(listing()).contains("events_1_local-1422981780767.zstd", "appstatus_local-1422981780767.inprogress");
    first.stop(Duration.ofSeconds(5));

    // A restart with a redelivery of the first half (Kafka offsets not yet committed): not repeated.
    SimpleMeterRegistry again = new SimpleMeterRegistry();
    EventLogArchiveSink second = sink(again, DataSize.ofMebibytes(128), Duration.ofMillis(300));
    second.write(records.subList(half - 5, records.size())).get(10, TimeUnit.SECONDS);
    second.stop(Duration.ofSeconds(5));
    assertThat(again.get("pipelens_collector_archive_duplicates").counter().count()).isEqualTo(5);
    assertThat(listing()).containsExactlyInAnyOrder("events_1_local-1422981780767.zstd",
        "events_2_local-1422981780767.zstd", "appstatus_local-1422981780767");
    byte[] joined = concat(EventLogLines.decompress(Files.readAllBytes(root.resolve(DIR).resolve("events_1_local-1422981780767.zstd"))),
        EventLogLines.decompress(Files.readAllBytes(root.resolve(DIR).resolve("events_2_local-1422981780767.zstd"))));
    assertThat(joined).isEqualTo(EventLogLines.original());
  }

  @Test
  void aWriteFailureIsRetriedAndCountedNeverDropped() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // The archive root is a file for now, so creating the app's directory fails.
    Path blocked = root.resolve("blocked");
    Files.writeString(blocked, "not a directory");
    ArchiveConfig config = new ArchiveConfig(blocked.toUri(), null, null, null, null, null, null,
        null, Duration.ofMillis(100), null, null);
    EventLogArchiveSink sink = new EventLogArchiveSink(config, Clock.systemUTC(), registry);
    sink.start();
    List<LogRecord> records = EventLogLines.records();
    CompletableFuture<Void> ack = sink.write(records);
    Thread.sleep(1500);
    assertThat(ack).isNotDone();
    assertThat(registry.get("pipelens_collector_archive_uploads").tag("result", "failure").counter().count())
        .isGreaterThanOrEqualTo(2);
    assertThat(sink.failingReason()).contains("events_1_local-1422981780767.zstd");
    Files.delete(blocked);
    ack.get(40, TimeUnit.SECONDS);
    assertThat(sink.failingReason()).isNull();
    sink.stop(Duration.ofSeconds(5));
    assertThat(EventLogLines.decompress(Files.readAllBytes(
        blocked.resolve(DIR).resolve("events_1_local-1422981780767.zstd")))).isEqualTo(EventLogLines.original());
  }

  @Test
  void aLineTheAgentCutIsLeftOutAndCountedSoTheArchivedLogStaysValidJson() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EventLogArchiveSink sink = sink(registry, DataSize.ofMebibytes(128), Duration.ofMinutes(10));
    List<LogRecord> records = new ArrayList<>(EventLogLines.records());
    int cut = 5;
    LogRecord whole = records.get(cut);
    String body = io.pipelens.collector.normalize.AnyValues.text(whole.body());
    records.set(cut, whole.toBuilder()
        .body(body.substring(0, body.length() / 2))
        .attributes(whole.attributes().toBuilder().put(AttributeNames.LOG_TRUNCATED, true).build())
        .build());
    sink.write(records).get(10, TimeUnit.SECONDS);
    sink.stop(Duration.ofSeconds(5));

    byte[] original = EventLogLines.original();
    String[] lines = new String(original, StandardCharsets.UTF_8).split("\n", -1);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < lines.length - 1; i++) {
      if (i != cut) {
        expected.append(lines[i]).append('\n');
      }
    }
    byte[] archived = EventLogLines.decompress(
        Files.readAllBytes(root.resolve(DIR).resolve("events_1_local-1422981780767.zstd")));
    assertThat(new String(archived, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    assertThat(registry.get("pipelens_collector_archive_truncated_lines").counter().count()).isEqualTo(1);
    assertThat(listing()).contains("appstatus_local-1422981780767");
  }

  @Test
  void aLineSparkWritesAfterTheApplicationEndIsArchivedAfterItAndNotRepeatedOnRedelivery() throws Exception {
    // Spark 4.1 wrote a failed job's SparkListenerJobEnd after SparkListenerApplicationEnd: the
    // same order here, made from the real log by moving its last job end behind the end event.
    String[] lines = new String(EventLogLines.original(), StandardCharsets.UTF_8).split("\n");
    int jobEnd = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("\"SparkListenerJobEnd\"")) {
        jobEnd = i;
      }
    }
    assertThat(lines[lines.length - 1]).contains("\"SparkListenerApplicationEnd\"");
    StringBuilder reordered = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i != jobEnd) {
        reordered.append(lines[i]).append('\n');
      }
    }
    reordered.append(lines[jobEnd]).append('\n');
    byte[] log = reordered.toString().getBytes(StandardCharsets.UTF_8);
    List<LogRecord> records = EventLogLines.records(log);

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EventLogArchiveSink sink = sink(registry, DataSize.ofMebibytes(128), Duration.ofMillis(200));
    sink.write(records.subList(0, records.size() - 1)).get(10, TimeUnit.SECONDS);
    assertThat(listing()).containsExactly("appstatus_local-1422981780767", "events_1_local-1422981780767.zstd");
    // The late line, and a late line without a source position, which cannot be told from a redelivery.
    LogRecord late = records.get(records.size() - 1);
    LogRecord unpositioned = late.toBuilder().attributes(io.pipelens.core.record.Attributes.builder()
        .put(AttributeNames.PIPELENS_STREAM, "event").build()).build();
    sink.write(List.of(late, unpositioned)).get(10, TimeUnit.SECONDS);
    sink.stop(Duration.ofSeconds(5));
    assertThat(registry.get("pipelens_collector_archive_duplicates").counter().count()).isEqualTo(1);
    assertThat(listing()).containsExactly("appstatus_local-1422981780767", "events_1_local-1422981780767.zstd",
        "events_2_local-1422981780767.zstd");
    assertThat(concat(archived(1), archived(2))).isEqualTo(log);
    assertThat(new String(archived(2), StandardCharsets.UTF_8)).isEqualTo(lines[jobEnd] + "\n");

    // A restart that gets the whole log again (offsets not yet committed): nothing is added.
    SimpleMeterRegistry again = new SimpleMeterRegistry();
    EventLogArchiveSink second = sink(again, DataSize.ofMebibytes(128), Duration.ofMillis(200));
    second.write(records).get(10, TimeUnit.SECONDS);
    second.stop(Duration.ofSeconds(5));
    assertThat(again.get("pipelens_collector_archive_duplicates").counter().count()).isEqualTo(records.size());
    assertThat(listing()).hasSize(3);
    assertThat(concat(archived(1), archived(2))).isEqualTo(log);
  }

  private byte[] archived(int index) throws Exception {
    return EventLogLines.decompress(Files.readAllBytes(
        root.resolve(DIR).resolve("events_" + index + "_local-1422981780767.zstd")));
  }

  private List<String> listing() throws Exception {
    try (Stream<Path> files = Files.list(root.resolve(DIR))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  private static int countLines(byte[] bytes) {
    int n = 0;
    for (byte b : bytes) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
