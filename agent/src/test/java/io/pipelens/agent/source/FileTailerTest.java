package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.checkpoint.FileCheckpoints;
import io.pipelens.agent.source.FileInputConfig.Format;
import io.pipelens.agent.source.FileInputConfig.StartAt;
import io.pipelens.agent.source.RecordingConsumer.Line;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.record.Stream;
import io.pipelens.runtime.liveness.Liveness;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FileTailerTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private FileCheckpoints checkpoints;

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private static TailerOptions fastOptions() {
    return new TailerOptions(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(5),
        List.of(Path.of("/var/log/pods")), path -> true);
  }

  private static FileInputConfig config(String glob, Duration rescan) {
    return new FileInputConfig(List.of(glob), null, null, null, rescan, null, null, null, null,
        null, null);
  }

  private FileTailer start(FileInputConfig config, RecordingConsumer consumer) {
    return start(config, consumer, fastOptions());
  }

  private FileTailer start(FileInputConfig config, RecordingConsumer consumer,
      TailerOptions options) {
    if (checkpoints == null) {
      checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
    }
    FileTailer tailer = new FileTailer("test", Stream.BUSINESS, config, checkpoints, consumer,
        new SimpleMeterRegistry(), options);
    tailer.start();
    toClose.add(tailer);
    return tailer;
  }

  /** A tailer of {@code logs}/*.log, started once {@code logs}/a.log holds {@code text}. */
  private RecordingConsumer tailingAFileThatHolds(Path logs, String text) throws IOException {
    append(Files.createDirectories(logs).resolve("a.log"), text);
    RecordingConsumer consumer = new RecordingConsumer();
    start(config(logs + "/*.log", Duration.ofMillis(100)), consumer);
    return consumer;
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String numbered(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
  }

  private static List<String> numberedTexts(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
  }

  @Test
  void aNewFileIsReadWithinASecondThroughDirectoryEvents() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    RecordingConsumer consumer = new RecordingConsumer();
    // A 30 s rescan: only the directory watch can find the file in time.
    start(config(logs + "/*.log", Duration.ofSeconds(30)), consumer);
    Thread.sleep(300); // the first scan registers the watch

    long created = System.nanoTime();
    append(logs.resolve("new.log"), "hello\nworld\n");
    Waiting.until(Duration.ofSeconds(1), () -> consumer.count() == 2, consumer::texts);

    assertThat(Duration.ofNanos(System.nanoTime() - created)).isLessThan(Duration.ofSeconds(1));
    assertThat(consumer.texts()).containsExactly("hello", "world");
    Line first = consumer.lines().get(0);
    assertThat(first.file().path()).isEqualTo(logs.resolve("new.log"));
    assertThat(first.file().input()).isEqualTo("test");
    assertThat(first.file().format()).isEqualTo(SourceFile.LineFormat.RAW);
    assertThat(first.offset()).isZero();
    assertThat(first.nextOffset()).isEqualTo(6);
  }

  @Test
  void eachReadIsAnnouncedBeforeTheLinesItBrought() throws Exception {
    Path logs = dir.resolve("logs");
    RecordingConsumer consumer = tailingAFileThatHolds(logs, "one\ntwo\nthree\n");
    Waiting.until(WAIT, () -> consumer.count() == 3, consumer::texts);
    append(logs.resolve("a.log"), "four\nfive\n");
    Waiting.until(WAIT, () -> consumer.count() == 5, consumer::texts);

    List<Line> lines = consumer.lines();
    // One write is one read here: its lines come after the same announcement, a later write's after a later one.
    assertThat(lines.get(0).readsBefore()).isPositive();
    assertThat(lines.subList(0, 3)).extracting(Line::readsBefore).containsOnly(lines.get(0).readsBefore());
    assertThat(lines.get(3).readsBefore()).isGreaterThan(lines.get(2).readsBefore());
    assertThat(lines.get(4).readsBefore()).isEqualTo(lines.get(3).readsBefore());
  }

  @Test
  void doubleStarGlobsFindNestedFilesAndExcludesWin() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("a/b/c"));
    Files.createDirectories(root.resolve("a/skip"));
    append(root.resolve("top.log"), "top\n");
    append(root.resolve("a/mid.log"), "mid\n");
    append(root.resolve("a/b/c/deep.log"), "deep\n");
    append(root.resolve("a/skip/hidden.log"), "excluded\n");
    append(root.resolve("a/other.txt"), "not matched\n");
    RecordingConsumer consumer = new RecordingConsumer();
    FileInputConfig config = new FileInputConfig(List.of(root + "/**/*.log"),
        List.of(root + "/**/skip/**"), null, null, Duration.ofMillis(100), null, null, null, null,
        null, null);
    start(config, consumer);

    Waiting.until(WAIT, () -> consumer.count() >= 3, consumer::texts);
    Files.createDirectories(root.resolve("a/new/dir"));
    append(root.resolve("a/new/dir/late.log"), "late\n");
    Waiting.until(WAIT, () -> consumer.count() >= 4, consumer::texts);
    Thread.sleep(300);

    assertThat(consumer.texts()).containsExactlyInAnyOrder("top", "mid", "deep", "late");
  }

  @Test
  void fiveThousandFilesAreAllDiscoveredAndRead() throws Exception {
    Path root = dir.resolve("many");
    for (int d = 0; d < 50; d++) {
      Path sub = Files.createDirectories(root.resolve("d" + d));
      for (int f = 0; f < 100; f++) {
        Files.writeString(sub.resolve("f" + f + ".log"), "a " + d + "/" + f + "\nb\nc\n");
      }
    }
    RecordingConsumer consumer = new RecordingConsumer();
    MeterRegistry meters = new SimpleMeterRegistry();
    checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
    FileTailer tailer = new FileTailer("many", Stream.ENGINE, config(root + "/*/*.log",
        Duration.ofSeconds(1)), checkpoints, consumer, meters, fastOptions());
    tailer.start();
    toClose.add(tailer);

    Waiting.until(Duration.ofSeconds(30), () -> consumer.count() == 15_000, consumer::count);

    Map<Path, List<String>> byFile = new LinkedHashMap<>();
    for (Line line : consumer.lines()) {
      byFile.computeIfAbsent(line.file().path(), p -> new ArrayList<>()).add(line.text());
    }
    assertThat(byFile).hasSize(5000);
    byFile.forEach((path, texts) -> assertThat(texts).hasSize(3).endsWith("b", "c"));
    assertThat(meters.get(TailerMetrics.FILES_DISCOVERED).counter().count()).isEqualTo(5000);
    Waiting.until(WAIT, () -> meters.get(TailerMetrics.READ_LINES).counter().count() == 15_000,
        () -> meters.get(TailerMetrics.READ_LINES).counter().count());
    assertThat(meters.get(TailerMetrics.FILES_OPEN).gauge().value())
        .isLessThanOrEqualTo(FileInputConfig.DEFAULT_MAX_OPEN_FILES);
  }

  @Test
  void renameRotationDeliversEveryLineOnceAndInOrder() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("rot"));
    Path active = logs.resolve("app.log");
    RecordingConsumer consumer = new RecordingConsumer();
    MeterRegistry meters = new SimpleMeterRegistry();
    checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
    FileTailer tailer = new FileTailer("rot", Stream.BUSINESS,
        config(logs + "/*.log", Duration.ofMillis(100)), checkpoints, consumer, meters,
        fastOptions());
    tailer.start();
    toClose.add(tailer);

    int total = 3000;
    int rotations = 5;
    Thread writer = new Thread(() -> {
      try {
        OutputStream out = new FileOutputStream(active.toFile(), true);
        for (int i = 0; i < total; i++) {
          if (i > 0 && i % (total / (rotations + 1)) == 0) {
            // logrotate: rename, the app writes a few more lines to the old descriptor, reopens.
            Files.move(active, logs.resolve("app.log." + i), StandardCopyOption.ATOMIC_MOVE);
            for (int late = 0; late < 3; late++, i++) {
              out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.close();
            out = new FileOutputStream(active.toFile(), true);
          }
          out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
          if (i % 50 == 0) {
            Thread.sleep(20); // a rotation every ~200 ms
          }
        }
        out.close();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, "test-writer");
    writer.start();
    writer.join();

    Waiting.until(WAIT, () -> consumer.count() >= total, consumer::count);
    Thread.sleep(500); // nothing more may arrive

    assertThat(consumer.texts()).containsExactlyInAnyOrderElementsOf(numberedTexts(0, total));
    Map<FileIdentity, List<Integer>> byFile = new LinkedHashMap<>();
    for (Line line : consumer.lines()) {
      byFile.computeIfAbsent(line.file().identity(), id -> new ArrayList<>())
          .add(Integer.parseInt(line.text().substring(5)));
    }
    assertThat(byFile).hasSize(rotations + 1);
    byFile.values().forEach(numbers -> assertThat(numbers).isSorted());
    // Rotated files were read to their end and closed for good.
    Waiting.until(WAIT, () -> consumer.closedFiles().size() == rotations, consumer::closedFiles);
    assertThat(meters.get(TailerMetrics.ROTATIONS).tag("kind", "rename").counter().count())
        .isGreaterThan(0);
  }

  @Test
  void copytruncateRestartsAtZeroAndLosesNothingThatWasReadInTime() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("ct"));
    Path active = logs.resolve("app.log");
    RecordingConsumer consumer = new RecordingConsumer();
    MeterRegistry meters = new SimpleMeterRegistry();
    checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
    FileTailer tailer = new FileTailer("ct", Stream.BUSINESS,
        config(logs + "/*.log", Duration.ofMillis(100)), checkpoints, consumer, meters,
        fastOptions());
    tailer.start();
    toClose.add(tailer);

    int total = 2000;
    int rotations = 3;
    try (OutputStream out = new FileOutputStream(active.toFile(), true)) { // O_APPEND, as loggers
      for (int i = 0; i < total; i++) {
        if (i > 0 && i % (total / (rotations + 1)) == 0) {
          // copytruncate loses what was written after the copy and not yet read: this test is
          // about everything the agent had the chance to read, so it waits for the reader.
          int written = i;
          Waiting.until(WAIT, () -> consumer.count() == written, consumer::count);
          Files.copy(active, logs.resolve("app.log.1"), StandardCopyOption.REPLACE_EXISTING);
          try (FileChannel channel = FileChannel.open(active, StandardOpenOption.WRITE)) {
            channel.truncate(0);
          }
        }
        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
        if (i % 50 == 0) {
          Thread.sleep(2);
        }
      }
    }

    Waiting.until(WAIT, () -> consumer.count() >= total, consumer::count);
    Thread.sleep(300);
    assertThat(consumer.texts()).containsExactlyElementsOf(numberedTexts(0, total));
    assertThat(meters.get(TailerMetrics.ROTATIONS).tag("kind", "truncate").counter().count())
        .isEqualTo(rotations);
    // Each truncation ended the old contents and started a new identity at offset 0.
    assertThat(consumer.closedFiles()).hasSize(rotations);
    assertThat(consumer.lines().stream().filter(line -> line.offset() == 0).count())
        .isEqualTo(rotations + 1);
  }

  @Test
  void aFileTruncatedRightAfterAReadThatGotDataIsStillCaught() throws Exception {
    // A file that had data at the last look is read before its size is asked: a read at the old
    // offset that finds nothing must still notice the smaller size. The long poll interval and
    // rescan keep the reader asleep from its first read until the truncation is done, so its next
    // look is that read (were it woken earlier, the size-first path would run instead).
    Path logs = Files.createDirectories(dir.resolve("ct-after-read"));
    Path active = logs.resolve("app.log");
    append(active, numbered(0, 300)); // past the 1 KiB fingerprint
    RecordingConsumer consumer = new RecordingConsumer();
    MeterRegistry meters = new SimpleMeterRegistry();
    checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
    TailerOptions slowPoll = new TailerOptions(Duration.ofSeconds(30), Duration.ofMillis(300),
        Duration.ofSeconds(3), List.of(Path.of("/var/log/pods")), path -> true);
    FileTailer tailer = new FileTailer("ct", Stream.BUSINESS,
        config(logs + "/*.log", Duration.ofMinutes(10)), checkpoints, consumer, meters, slowPoll);
    tailer.start();
    toClose.add(tailer);

    Waiting.until(WAIT, () -> consumer.count() == 300, consumer::count);
    try (FileChannel channel = FileChannel.open(active, StandardOpenOption.WRITE)) {
      channel.truncate(0);
    }
    append(active, "after 0\nafter 1\n");

    Waiting.until(WAIT, () -> consumer.count() >= 302, consumer::count);
    List<String> expected = new ArrayList<>(numberedTexts(0, 300));
    expected.addAll(List.of("after 0", "after 1"));
    assertThat(consumer.texts()).containsExactlyElementsOf(expected);
    assertThat(meters.get(TailerMetrics.ROTATIONS).tag("kind", "truncate").counter().count())
        .isEqualTo(1);
    assertThat(consumer.lines().get(300).offset()).isZero();
  }

  @Test
  void aDeletedFileStillOpenIsReadToItsEndThenClosed() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("del"));
    Path file = logs.resolve("app.log");
    append(file, numbered(0, 100));
    RecordingConsumer consumer = new RecordingConsumer();
    start(config(logs + "/*.log", Duration.ofMillis(100)), consumer);
    Waiting.until(WAIT, () -> consumer.count() == 100, consumer::count);

    append(file, numbered(100, 5000) + "no newline at the end");
    Files.delete(file);

    Waiting.until(WAIT, () -> consumer.closedFiles().size() == 1, consumer::closedFiles);
    List<String> expected = new ArrayList<>(numberedTexts(0, 5000));
    expected.add("no newline at the end");
    assertThat(consumer.texts()).containsExactlyElementsOf(expected);
    assertThat(consumer.lines().get(5000).nextOffset())
        .isEqualTo(numbered(0, 5000).length() + "no newline at the end".length());
  }

  @Test
  void symbolicLinksAreFollowedAndIdentifiedByTheirTarget() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("real"));
    Path target = elsewhere.resolve("target.txt");
    append(target, "through the link\n");
    Path logs = Files.createDirectories(dir.resolve("links"));
    Path link = Files.createSymbolicLink(logs.resolve("linked.log"), target);
    RecordingConsumer consumer = new RecordingConsumer();
    start(config(logs + "/*.log", Duration.ofMillis(100)), consumer);

    Waiting.until(WAIT, () -> consumer.count() == 1, consumer::texts);
    Line line = consumer.lines().get(0);
    assertThat(line.text()).isEqualTo("through the link");
    assertThat(line.file().path()).isEqualTo(link);
    assertThat(line.file().identity().inode())
        .isEqualTo(Files.getAttribute(target, "unix:ino"));
  }

  @Test
  void resumesFromTheCheckpointWithoutRereadingOrSkipping() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("resume"));
    Path file = logs.resolve("app.log");
    append(file, numbered(0, 100));
    Path data = dir.resolve("resume-data");

    FileCheckpoints first = FileCheckpoints.open(data, new SimpleMeterRegistry());
    RecordingConsumer before = new RecordingConsumer();
    // The pipeline acknowledges only the first 60 lines before the agent stops.
    before.onLine(line -> {
      if (line.text().compareTo("line 60") < 0 || line.text().length() < "line 60".length()) {
        first.advance(line.file().identity(), line.file().path().toString(), line.nextOffset());
      }
    });
    FileTailer tailer = new FileTailer("resume", Stream.BUSINESS,
        config(logs + "/*.log", Duration.ofMillis(100)), first, before, new SimpleMeterRegistry(),
        fastOptions());
    tailer.start();
    Waiting.until(WAIT, () -> before.count() == 100, before::count);
    tailer.stop(Duration.ofSeconds(5));
    first.stop(Duration.ofSeconds(5));

    append(file, numbered(100, 150));
    checkpoints = FileCheckpoints.open(data, new SimpleMeterRegistry());
    RecordingConsumer after = new RecordingConsumer();
    start(config(logs + "/*.log", Duration.ofMillis(100)), after);
    Waiting.until(WAIT, () -> after.count() >= 90, after::count);
    Thread.sleep(300);

    assertThat(after.texts()).containsExactlyElementsOf(numberedTexts(60, 150));
    assertThat(after.lines().get(0).offset()).isEqualTo(numbered(0, 60).length());
  }

  @Test
  void startAtEndSkipsWhatExistedButReadsNewFilesWhole() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("end"));
    append(logs.resolve("old.log"), numbered(0, 10));
    RecordingConsumer consumer = new RecordingConsumer();
    FileInputConfig config = new FileInputConfig(List.of(logs + "/*.log"), null, null, null,
        Duration.ofMillis(100), null, null, null, null, StartAt.END, null);
    start(config, consumer);
    Thread.sleep(300);
    append(logs.resolve("old.log"), "appended\n");
    append(logs.resolve("new.log"), "first of new\n");
    Waiting.until(WAIT, () -> consumer.count() == 2, consumer::texts);
    assertThat(consumer.texts()).containsExactlyInAnyOrder("appended", "first of new");
  }

  @Test
  void aHundredMebibyteLineCostsOneLineBufferAndIsDeliveredCut() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("huge"));
    int maxLine = 64 * 1024;
    int readBuffer = 64 * 1024;
    byte[] mebibyte = new byte[1 << 20];
    for (int i = 0; i < mebibyte.length; i++) {
      mebibyte[i] = (byte) ('a' + i % 26);
    }
    Path withNewline = logs.resolve("ends.log");
    Path without = logs.resolve("never-ends.log");
    try (OutputStream a = Files.newOutputStream(withNewline);
        OutputStream b = Files.newOutputStream(without)) {
      for (int i = 0; i < 100; i++) {
        a.write(mebibyte);
        b.write(mebibyte);
      }
      a.write("\nafter\n".getBytes(StandardCharsets.UTF_8));
    }
    RecordingConsumer consumer = new RecordingConsumer();
    MeterRegistry meters = new SimpleMeterRegistry();
    checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
    FileInputConfig config = new FileInputConfig(List.of(logs + "/*.log"), null, Format.RAW, null,
        Duration.ofMillis(100), null, null, DataSize.ofBytes(readBuffer), DataSize.ofBytes(maxLine),
        null, null);
    FileTailer tailer = new FileTailer("huge", Stream.BUSINESS, config, checkpoints, consumer,
        meters, fastOptions());
    tailer.start();
    toClose.add(tailer);

    Waiting.until(WAIT, () -> consumer.count() == 2, consumer::texts);
    Waiting.until(WAIT, () -> meters.get(TailerMetrics.BYTES_BEHIND).gauge().value() == 0,
        () -> meters.get(TailerMetrics.BYTES_BEHIND).gauge().value());
    Files.delete(without); // closed for good: its unfinished line is delivered now
    Waiting.until(WAIT, () -> consumer.count() == 3, consumer::texts);

    byte[] expectedStart = Arrays.copyOf(mebibyte, maxLine);
    Map<String, List<Line>> byName = consumer.lines().stream()
        .collect(Collectors.groupingBy(line -> line.file().path().getFileName().toString()));
    Line cut = byName.get("ends.log").get(0);
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.bytes()).isEqualTo(expectedStart);
    assertThat(cut.nextOffset()).isEqualTo(100L * mebibyte.length + 1);
    assertThat(byName.get("ends.log").get(1).text()).isEqualTo("after");
    Line unfinished = byName.get("never-ends.log").get(0);
    assertThat(unfinished.truncated()).isTrue();
    assertThat(unfinished.bytes()).isEqualTo(expectedStart);
    assertThat(unfinished.nextOffset()).isEqualTo(100L * mebibyte.length);
    assertThat(tailer.largestBufferAllocated()).isLessThanOrEqualTo(maxLine + readBuffer);
    // Counters are published in batches, at most 100 ms after the fact.
    Waiting.until(WAIT, () -> meters.get(TailerMetrics.TRUNCATED_LINES).counter().count() == 2,
        () -> meters.get(TailerMetrics.TRUNCATED_LINES).counter().count());
  }

  @Test
  void containerLogsInCriAndDockerJsonAreUnwrappedAndJoined() throws Exception {
    Path pods = dir.resolve("pods");
    Path criFile = Files.createDirectories(
        pods.resolve("spark_driver-0_0f1e2d3c-aaaa-bbbb-cccc-123456789abc/spark")).resolve("0.log");
    Path dockerFile = Files.createDirectories(
        pods.resolve("ray_head-1_11111111-2222-3333-4444-555555555555/ray")).resolve("0.log");
    Path plain = Files.createDirectories(dir.resolve("plain")).resolve("0.log");
    append(criFile, "2024-05-01T10:15:02.000000001Z stdout F whole\n"
        + "2024-05-01T10:15:03.000000001Z stderr P split \n"
        + "2024-05-01T10:15:03.000000002Z stderr F in two\n");
    append(dockerFile, "{\"log\":\"json \\\"line\\\"\\n\",\"stream\":\"stdout\",\"time\":\"2024-05-01T10:15:02Z\"}\n"
        + "{\"log\":\"half \",\"stream\":\"stderr\",\"time\":\"2024-05-01T10:15:03Z\"}\n"
        + "{\"log\":\"and half\\n\",\"stream\":\"stderr\",\"time\":\"2024-05-01T10:15:04Z\"}\n");
    append(plain, "2024-05-01T10:15:02.000000001Z stdout F looks like CRI but is elsewhere\n");
    RecordingConsumer consumer = new RecordingConsumer();
    TailerOptions options = fastOptions().withContainerLogRoots(List.of(pods));
    start(new FileInputConfig(List.of(pods + "/*/*/*.log", dir + "/plain/*.log"), null, Format.AUTO,
        null, Duration.ofMillis(100), null, null, null, null, null, null), consumer, options);

    Waiting.until(WAIT, () -> consumer.count() == 5, consumer::texts);
    Map<SourceFile.LineFormat, List<String>> byFormat = consumer.lines().stream().collect(
        Collectors.groupingBy(line -> line.file().format(), Collectors.mapping(Line::text,
            Collectors.toList())));
    assertThat(byFormat.get(SourceFile.LineFormat.CRI)).containsExactly("whole", "split in two");
    assertThat(byFormat.get(SourceFile.LineFormat.DOCKER_JSON))
        .containsExactly("json \"line\"", "half and half");
    assertThat(byFormat.get(SourceFile.LineFormat.RAW))
        .containsExactly("2024-05-01T10:15:02.000000001Z stdout F looks like CRI but is elsewhere");
    Line joined = consumer.lines().stream().filter(l -> l.text().equals("split in two"))
        .findFirst().orElseThrow();
    assertThat(joined.stderr()).isTrue();
    assertThat(joined.offset()).isEqualTo(46);
    assertThat(joined.nextOffset()).isEqualTo(Files.size(criFile));
  }

  @Test
  void bytesThatAreNotUtf8ReachTheConsumerUntouched() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("bin"));
    byte[] content = {'o', 'k', (byte) 0xff, (byte) 0xc3, (byte) 0x28, '\r', '\n', (byte) 0x80, '\n'};
    Files.write(logs.resolve("bin.log"), content);
    RecordingConsumer consumer = new RecordingConsumer();
    start(config(logs + "/*.log", Duration.ofMillis(100)), consumer);
    Waiting.until(WAIT, () -> consumer.count() == 2, consumer::texts);
    assertThat(consumer.lines().get(0).bytes())
        .isEqualTo(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3, (byte) 0x28});
    assertThat(consumer.lines().get(1).bytes()).isEqualTo(new byte[] {(byte) 0x80});
  }

  @Test
  void idleFilesAreReportedSoMultilineCanFlush() throws Exception {
    RecordingConsumer consumer = tailingAFileThatHolds(dir.resolve("idle"), "one\n");
    Waiting.until(WAIT, () -> consumer.idleFiles().size() == 1, consumer::idleFiles);
    assertThat(consumer.idleFiles().get(0)).isEqualTo(consumer.lines().get(0).file());
  }

  @Test
  void everyPublicWayToBuildATailerReadsAtTheInputsPollInterval() throws Exception {
    FileInputConfig slow = new FileInputConfig(List.of(dir + "/*.log"), null, null, null, null, null,
        null, null, null, null, Duration.ofSeconds(3));
    ContainerInputConfig containers = new ContainerInputConfig(List.of(dir + "/*/*/*.log"), null, null,
        null, null, null, null, null, null, null, null, null, Duration.ofMillis(700));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RecordingConsumer consumer = new RecordingConsumer();
    try (FileCheckpoints checkpoints = FileCheckpoints.open(dir.resolve("poll-data"), registry)) {
      assertThat(new FileTailer("a", Stream.BUSINESS, slow, checkpoints, consumer, registry).pollInterval())
          .isEqualTo(Duration.ofSeconds(3));
      assertThat(new FileTailer("b", Stream.BUSINESS, slow, checkpoints, consumer, registry, new Liveness())
          .pollInterval()).isEqualTo(Duration.ofSeconds(3));
      assertThat(new FileTailer("c", Stream.BUSINESS, slow, checkpoints, consumer, registry, new Liveness(),
          new InputPrecedence()).pollInterval()).isEqualTo(Duration.ofSeconds(3));
      assertThat(FileTailer.forContainers("d", Stream.BUSINESS, containers, checkpoints, consumer, registry,
          new Liveness()).pollInterval()).isEqualTo(Duration.ofMillis(700));
      assertThat(FileTailer.forContainers("e", Stream.BUSINESS, containers, checkpoints, consumer, registry,
          new Liveness(), new InputPrecedence()).pollInterval()).isEqualTo(Duration.ofMillis(700));
      assertThat(new FileTailer("f", Stream.BUSINESS, FileInputConfig.of(List.of(dir + "/*.log")), checkpoints,
          consumer, registry).pollInterval()).isEqualTo(FileInputConfig.DEFAULT_POLL_INTERVAL);
    }
  }
}
