package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.history.app.SampleEventLogs;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingOptions;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.replay.ReplayResult;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogCodec;
import io.pipelens.history.source.EventLogDecodeException;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.source.SkipReason;
import io.pipelens.history.testing.Compression;
import io.pipelens.history.testing.TestLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compressed event logs, written in the test with the libraries and stream settings Spark uses,
 * answer exactly like the same logs uncompressed; damaged, foreign and explosive compressed files
 * are skipped and counted, never fatal.
 *
 * <p>The logs are real Spark logs (Spark's test resources and the bundled samples: single files,
 * two attempts, a rolling {@code eventlog_v2_*} log, an {@code .inprogress} log). Checking logs
 * compressed by a running Spark is a later step.
 */
class CompressedEventLogsTest {


  @TempDir static Path root;

  private static Path plain;
  private static Map<String, String> plainAnswers;

  @BeforeAll
  static void uncompressedAnswers() throws IOException {
    plain = root.resolve("plain");
    SampleEventLogs.copyTo(plain);
    TestLogs.copy(
        plain,
        TestLogs.LOCAL_1422981780767,
        TestLogs.ATTEMPT_1,
        TestLogs.ATTEMPT_2,
        TestLogs.YARN_3_0);
    plainAnswers = answers(plain, new EventLogDecoder());
    assertThat(plainAnswers).hasSizeGreaterThan(40);
  }

  @ParameterizedTest
  @EnumSource(
      value = EventLogCodec.class,
      names = {"LZ4", "LZF", "SNAPPY", "ZSTD"})
  void compressedLogsAnswerLikeUncompressedOnes(EventLogCodec codec) throws IOException {
    Path dir = root.resolve(codec.shortName());
    Compression.copyCompressed(plain, dir, codec);
    EventLogDecoder decoder = new EventLogDecoder();

    Map<String, String> compressed = answers(dir, decoder);

    Answers.assertSame(compressed, plainAnswers);
    assertThat(decoder.truncatedStreams()).isZero();
    assertThat(decoder.undecodableStreams()).isZero();
    assertThat(decoder.limitExceeded()).isZero();
  }

  @Test
  void aCompressedFinishedLogIsDecodedOnceForTheListingAndThenCached() throws IOException {
    Path dir = root.resolve("cached");
    Files.createDirectories(dir);
    byte[] log = Files.readAllBytes(plain.resolve(TestLogs.LOCAL_1422981780767));
    byte[] zstd = Compression.compress(EventLogCodec.ZSTD, log);
    Files.write(dir.resolve(TestLogs.LOCAL_1422981780767 + ".zstd"), zstd);
    ListingRefresher refresher = refresher(dir, new EventLogDecoder());

    ScanReport first = refresher.refresh();
    ScanReport second = refresher.refresh();

    assertThat(first.logsRead()).isEqualTo(1);
    assertThat(first.bytesRead()).as("whole compressed file, once").isEqualTo(zstd.length);
    assertThat(second.logsRead()).isZero();
    assertThat(refresher.listing().application(TestLogs.LOCAL_1422981780767).orElseThrow()
            .latestAttempt().completed())
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = EventLogCodec.class,
      names = {"LZ4", "ZSTD", "SNAPPY", "LZF"})
  void aTruncatedStreamIsReadUpToItsLastCompleteBlock(EventLogCodec codec) throws IOException {
    Path dir = root.resolve("truncated-" + codec.shortName());
    Files.createDirectories(dir);
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    byte[] log = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] stream = Compression.compressUnfinished(codec, log, 2048);
    // Cut in the middle of the last block or frame: a writer killed mid-flush.
    byte[] cut = Arrays.copyOf(stream, stream.length - 100);
    Files.write(dir.resolve(TestLogs.LOCAL_1422981780767 + "." + codec.shortName()), cut);
    EventLogDecoder decoder = new EventLogDecoder();
    ListingRefresher refresher = refresher(dir, decoder);

    ScanReport report = refresher.refresh();

    assertThat(report.skipped()).isEmpty();
    assertThat(report.applications()).isEqualTo(1);
    EventLog listed = onlyLog(dir);
    ReplayResult replay = new EventLogReplayer(1 << 20, decoder).replay(store(dir), listed);
    assertThat(replay.state().jobs()).isNotEmpty();
    assertThat(replay.stats().eventsApplied()).isPositive();
    // zstd-jni ends a stream cut inside a frame quietly after the last complete frame (what Spark
    // relies on for running logs); the block codecs report the cut, which is counted.
    assertThat(decoder.truncatedStreams())
        .as("counted, listing and replay")
        .isEqualTo(codec == EventLogCodec.ZSTD ? 0 : 2);
    assertThat(decoder.undecodableStreams()).isZero();
  }

  @Test
  void randomBytesWithACodecExtensionAreCountedAsUndecodable() throws IOException {
    Path dir = root.resolve("random");
    Files.createDirectories(dir);
    Random random = new Random(42);
    for (EventLogCodec codec : List.of(EventLogCodec.LZ4, EventLogCodec.LZF, EventLogCodec.SNAPPY, EventLogCodec.ZSTD)) {
      byte[] noise = new byte[64 * 1024];
      random.nextBytes(noise);
      Files.write(dir.resolve("app-" + codec.shortName() + "." + codec.shortName()), noise);
    }
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767);
    EventLogDecoder decoder = new EventLogDecoder();
    ListingRefresher refresher = refresher(dir, decoder);

    ScanReport first = refresher.refresh();
    ScanReport second = refresher.refresh();

    assertThat(first.skipped()).containsExactlyEntriesOf(Map.of(SkipReason.UNDECODABLE, 4));
    assertThat(first.applications()).isEqualTo(1);
    assertThat(second.skipped()).as("still counted").containsExactlyEntriesOf(Map.of(SkipReason.UNDECODABLE, 4));
    assertThat(second.logsRead()).as("not read again until they change").isZero();
    assertThat(decoder.undecodableStreams()).isEqualTo(4);
  }

  @Test
  void aZstdBombOfTenGibibytesCostsOnlyTheDecompressionLimit() throws IOException {
    Path dir = root.resolve("bomb");
    Files.createDirectories(dir);
    // A real log head, then 640 frames of 16 MiB of spaces: 10 GiB decompressed, about 0.5 MiB
    // compressed.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    bomb.write(
        Compression.compress(
            EventLogCodec.ZSTD,
            (String.join("\n", lines.subList(0, 5)) + "\n").getBytes(StandardCharsets.UTF_8)));
    byte[] frame = Compression.compress(EventLogCodec.ZSTD, new byte[16 << 20]);
    for (int i = 0; i < 640; i++) {
      bomb.write(frame);
    }
    Path file = dir.resolve("app-bomb.zstd");
    Files.write(file, bomb.toByteArray());
    assertThat(Files.size(file)).isLessThan(2 << 20);
    long limit = 256L << 20;
    EventLogDecoder decoder = new EventLogDecoder(limit);
    ListingRefresher refresher = refresher(dir, decoder);
    ScanReport report = refresher.refresh();

    assertThat(report.skipped()).containsExactlyEntriesOf(Map.of(SkipReason.DECOMPRESSION_LIMIT, 1));
    assertThat(decoder.limitExceeded()).isEqualTo(1);
    EventLog log = new EventLogDiscovery().discover(store(dir)).logs().get(0);
    assertThatThrownBy(() -> new EventLogReplayer(1 << 20, decoder).replay(store(dir), log))
        .isInstanceOf(EventLogDecodeException.class)
        .hasMessageContaining("max_decompressed_bytes");
    // Both passes stopped at the limit instead of inflating 10 GiB: a bounded cost, not a timed one.
    assertThat(decoder.limitExceeded()).isEqualTo(2);
  }

  @Test
  void aLineOverTheLimitIsSkippedWithoutBeingHeld() throws IOException {
    Path dir = root.resolve("long-line");
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.write((String.join("\n", lines.subList(0, 5)) + "\n").getBytes(StandardCharsets.UTF_8));
    raw.write(("{\"Event\":\"SparkListenerEnvironmentUpdate\",\"x\":\"").getBytes(StandardCharsets.UTF_8));
    raw.write(new byte[8 << 20]); // 8 MiB of NUL bytes in one line
    raw.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    raw.write((String.join("\n", lines.subList(5, lines.size())) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("app-long.lz4"), Compression.compress(EventLogCodec.LZ4, raw.toByteArray()));
    EventLog log = onlyLog(dir);

    ReplayResult result = new EventLogReplayer(1 << 20, new EventLogDecoder()).replay(store(dir), log);

    assertThat(result.stats().oversizedLines()).isEqualTo(1);
    assertThat(result.state().jobs()).hasSize(3);
  }

  // ---- helpers ----

  private static LocalEventLogStore store(Path dir) {
    return new LocalEventLogStore(dir);
  }

  private static EventLog onlyLog(Path dir) throws IOException {
    List<EventLog> logs = new EventLogDiscovery().discover(store(dir)).logs();
    assertThat(logs).hasSize(1);
    return logs.get(0);
  }

  private static ListingRefresher refresher(Path dir, EventLogDecoder decoder) {
    return new ListingRefresher(
        List.of(store(dir)), new AttemptReader(ListingOptions.DEFAULTS, decoder));
  }

  private static Map<String, String> answers(Path dir, EventLogDecoder decoder) throws IOException {
    return Answers.of(store(dir), decoder, false);
  }

}
