package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.replay.ReplayResult;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogCodec;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.source.SkipReason;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.store.ReplayObserver;
import io.pipelens.history.testing.Compression;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's hostile inputs, each next to a good log that must stay listed: a truncated gzip file,
 * random bytes, a line of 100 MiB at the default limits, and {@code ../} in ids. Each gets a clear
 * error or a counted skip. (Truncated lz4/lzf/snappy/zstd streams, random bytes with a codec's
 * extension and a 10 GiB zstd bomb are in {@link CompressedEventLogsTest}.)
 */
class HostileInputTest {

  private static final String GOOD = TestLogs.LOCAL_1422981780767;

  @TempDir Path dir;

  @Test
  void aTruncatedGzipFileIsACountedSkipSinceSparkWritesNoGzip() throws IOException {
    TestLogs.copy(dir, GOOD);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzip)) {
      out.write(String.join("\n", TestLogs.lines(GOOD)).getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = gzip.toByteArray();
    Files.write(dir.resolve("local-1500000000000.gz"), Arrays.copyOf(bytes, bytes.length / 2));

    ScanReport report = refresher().refresh();

    // Spark's codecs are lz4, lzf, snappy and zstd; it would fail on "gz" as an unknown codec.
    assertThat(report.skipped(SkipReason.UNKNOWN_EXTENSION)).isEqualTo(1);
    assertThat(report.applications()).isEqualTo(1);
  }

  @Test
  void randomBytesAreACountedSkipAndRandomLinesInALogAreCountedAsCorrupt() throws IOException {
    TestLogs.copy(dir, GOOD);
    byte[] noise = new byte[256 * 1024];
    new Random(7).nextBytes(noise);
    Files.write(dir.resolve("local-1500000000001"), noise);
    List<String> lines = new java.util.ArrayList<>(TestLogs.lines(GOOD));
    byte[] garbage = new byte[4096];
    new Random(8).nextBytes(garbage);
    // Random bytes without their newlines, as lines in the middle of a real log.
    String noiseLine = new String(garbage, StandardCharsets.ISO_8859_1).replace('\n', ' ');
    lines.add(10, noiseLine);
    lines.add(20, noiseLine);
    String mixed = "local-1500000000002";
    TestLogs.write(dir.resolve(mixed), withAppId(lines, mixed));
    ListingRefresher refresher = refresher();

    ScanReport report = refresher.refresh();

    assertThat(report.skipped(SkipReason.NO_APPLICATION_START)).isEqualTo(1);
    assertThat(report.applications()).isEqualTo(2);
    ReplayResult replay = replay(mixed);
    assertThat(replay.stats().corruptLines()).isEqualTo(2);
    assertThat(replay.state().jobs()).hasSize(3);
  }

  @Test
  void aLineOf100MiBIsSkippedAndCountedAtTheDefaultLimits() throws IOException {
    String app = "local-1500000000003";
    List<String> lines = withAppId(TestLogs.lines(GOOD), app);
    Path file = dir.resolve(app + ".lz4");
    // Streamed through the codec, never held: the file is small, the line 100 MiB decompressed.
    try (OutputStream out =
        Compression.stream(EventLogCodec.LZ4, Files.newOutputStream(file))) {
      out.write((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
      // Before the application start, so the listing's head read must get past it too; a task
      // end, which the listing counts failures of, so its counts become unknown.
      out.write("{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"payload\":\""
          .getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 100; i++) {
        out.write(chunk);
      }
      out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
      for (String line : lines.subList(1, lines.size())) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(Files.size(file)).isLessThan(8L << 20);
    ListingRefresher refresher = refresher();

    ScanReport report = refresher.refresh();

    assertThat(report.applications()).isEqualTo(1);
    // The listing keeps the first 4 KiB of the line only to tell which event it was.
    var attempt = refresher.listing().application(app).orElseThrow().latestAttempt();
    assertThat(attempt.completed()).isTrue();
    assertThat(attempt.health().failedTasks()).as("unknown: a task end was lost").isEqualTo(-1);
    ReplayResult replay = replay(app);
    assertThat(replay.stats().oversizedLines()).isEqualTo(1);
    assertThat(replay.state().jobs()).hasSize(3);
  }

  @Test
  void dotDotInAnyIdIsRefusedBeforeAnythingIsLookedUp() throws IOException {
    TestLogs.copy(dir, GOOD);
    ListingRefresher refresher = refresher();
    refresher.refresh();
    AppStoreCache replays =
        new AppStoreCache(refresher, new EventLogReplayer(), 4, ReplayObserver.NONE);
    try (ApiServer server = new ApiServer(refresher, replays, Clock.systemUTC())) {
      for (String target :
          List.of(
              "/api/v1/applications/..%2F..%2Fetc%2Fpasswd/logs",
              "/api/v1/applications/../logs",
              "/api/v1/applications/" + GOOD + "/..%2F..%2F/logs",
              "/api/v1/applications/" + GOOD + "/../jobs",
              "/api/v1/applications/..%2F" + GOOD + "/storage/rdd")) {
        String answer = Http.raw(server.port(), target);
        assertThat(answer).as(target).startsWith("HTTP/1.1 400");
      }
    }
  }

  private ListingRefresher refresher() {
    return new ListingRefresher(List.of(new LocalEventLogStore(dir)), new AttemptReader());
  }

  private ReplayResult replay(String app) throws IOException {
    LocalEventLogStore store = new LocalEventLogStore(dir);
    for (EventLog log : new EventLogDiscovery().discover(store).logs()) {
      if (log.name().startsWith(app)) {
        return new EventLogReplayer().replay(store, log);
      }
    }
    throw new AssertionError("no log of " + app);
  }

  private static List<String> withAppId(List<String> lines, String app) {
    return lines.stream()
        .map(l -> l.replace("\"App ID\":\"" + GOOD + "\"", "\"App ID\":\"" + app + "\""))
        .toList();
  }
}
