package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.checkpoint.FileCheckpoints;
import io.pipelens.core.record.Stream;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A file several inputs select is read by the first of them in the configuration, once. */
@Timeout(60)
class InputPrecedenceTest {

  @TempDir Path dir;

  private static FileInputConfig files(List<String> paths, List<String> exclude) {
    return new FileInputConfig(paths, exclude, null, null, Duration.ofMillis(100), null, null, null,
        null, null, null);
  }

  @Test
  void theFirstInputThatSelectsAPathReadsIt() {
    InputPrecedence precedence = new InputPrecedence()
        .file("spark", files(List.of("/logs/spark-*.log"), List.of("/logs/spark-old.log")))
        .file("all", files(List.of("/logs/**"), List.of()));

    assertThat(precedence.reads("spark", Path.of("/logs/spark-1.log"))).isTrue();
    assertThat(precedence.reads("all", Path.of("/logs/spark-1.log"))).isFalse();
    // What the earlier input excludes or does not match stays with the later one.
    assertThat(precedence.reads("all", Path.of("/logs/spark-old.log"))).isTrue();
    assertThat(precedence.reads("all", Path.of("/logs/ray/raylet.out"))).isTrue();
    // An input the precedence does not know comes after every input it does.
    assertThat(precedence.reads("other", Path.of("/logs/spark-1.log"))).isFalse();
    assertThat(new InputPrecedence().reads("other", Path.of("/logs/spark-1.log"))).isTrue();
  }

  @Test
  void aContainerInputsNamespaceFilterDecidesWhatItClaims() {
    ContainerInputConfig kubeSystemOut = new ContainerInputConfig(List.of("/var/log/pods/*/*/*.log"),
        null, null, List.of("kube-system"), null, null, null, null, null, null, null, null, null);
    InputPrecedence precedence = new InputPrecedence()
        .containers("containers", kubeSystemOut)
        .file("everything", files(List.of("/var/log/pods/**"), List.of()));
    Path app = Path.of("/var/log/pods/jobs_driver-0_4f1c/spark/0.log");
    Path system = Path.of("/var/log/pods/kube-system_coredns-1_9a2b/coredns/0.log");

    assertThat(precedence.reads("everything", app)).isFalse();
    assertThat(precedence.reads("everything", system)).isTrue();
  }

  @Test
  void anInputIsRegisteredOnce() {
    InputPrecedence precedence = new InputPrecedence().file("a", files(List.of("/x/*"), List.of()));
    assertThatThrownBy(() -> precedence.file("a", files(List.of("/y/*"), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input a is registered twice");
  }

  @Test
  void twoTailersWithOverlappingGlobsShipEveryLineOnce() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    List<String> shared = lines("driver", 2_000);
    List<String> own = lines("worker", 500);
    Files.writeString(logs.resolve("driver.log"), String.join("\n", shared) + "\n", StandardCharsets.UTF_8);
    Files.writeString(logs.resolve("worker.log"), String.join("\n", own) + "\n", StandardCharsets.UTF_8);
    FileInputConfig drivers = files(List.of(logs + "/driver*.log"), List.of());
    FileInputConfig everything = files(List.of(logs + "/*.log"), List.of());
    InputPrecedence precedence = new InputPrecedence().file("drivers", drivers).file("everything", everything);
    RecordingConsumer consumer = new RecordingConsumer();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    int expected = shared.size() + own.size();

    try (FileCheckpoints checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
        FileTailer first = new FileTailer("drivers", Stream.ENGINE, drivers, checkpoints, consumer, registry,
            new Liveness(), precedence);
        FileTailer second = new FileTailer("everything", Stream.BUSINESS, everything, checkpoints, consumer,
            registry, new Liveness(), precedence)) {
      // The later input starts first, so that it would win a race for the shared file.
      second.start();
      first.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (consumer.lines().size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(500); // several rescans: nothing more may come
    }

    Map<String, List<String>> byInput = consumer.lines().stream().collect(Collectors.groupingBy(
        line -> line.file().input() + " " + line.file().path().getFileName(),
        Collectors.mapping(RecordingConsumer.Line::text, Collectors.toList())));
    assertThat(byInput.keySet()).containsExactlyInAnyOrder("drivers driver.log", "everything worker.log");
    assertThat(byInput.get("drivers driver.log")).containsExactlyElementsOf(shared);
    assertThat(byInput.get("everything worker.log")).containsExactlyElementsOf(own);
  }

  @Test
  void aFileOneInputReachesThroughASymlinkAndAnotherByItsOwnPathIsReadOnce() throws Exception {
    Path pods = Files.createDirectories(dir.resolve("pods"));
    Path containers = Files.createDirectories(dir.resolve("containers"));
    Path log = pods.resolve("0.log");
    List<String> before = lines("before", 2_000);
    List<String> after = lines("after", 1_000);
    Files.writeString(log, String.join("\n", before) + "\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(containers.resolve("driver.log"), log);
    FileInputConfig byLink = files(List.of(containers + "/*.log"), List.of());
    FileInputConfig byTarget = files(List.of(pods + "/*.log"), List.of());
    InputPrecedence precedence = new InputPrecedence().file("links", byLink).file("pods", byTarget);
    RecordingConsumer consumer = new RecordingConsumer();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (FileCheckpoints checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
        FileTailer links = new FileTailer("links", Stream.ENGINE, byLink, checkpoints, consumer, registry,
            new Liveness(), precedence);
        FileTailer targets = new FileTailer("pods", Stream.ENGINE, byTarget, checkpoints, consumer,
            registry, new Liveness(), precedence)) {
      targets.start();
      links.start();
      Waiting.until(Duration.ofSeconds(20), () -> consumer.lines().size() >= before.size(),
          () -> consumer.lines().size());
      Files.writeString(log, String.join("\n", after) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      Waiting.until(Duration.ofSeconds(20), () -> consumer.lines().size() >= before.size() + after.size(),
          () -> consumer.lines().size());
      Thread.sleep(500); // several rescans: nothing more may come
    }

    List<String> expected = new ArrayList<>(before);
    expected.addAll(after);
    assertThat(consumer.lines()).extracting(RecordingConsumer.Line::text).containsExactlyElementsOf(expected);
    // Whichever input found it first read all of it.
    assertThat(consumer.lines()).extracting(line -> line.file().input()).containsOnly(
        consumer.lines().get(0).file().input());
  }

  @Test
  void aFileRenamedOutOfOneInputsPathsIntoAnothersIsHandedOverWhereTheFirstStopped() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("rotating"));
    Path active = logs.resolve("spark-1.log");
    Path rotated = logs.resolve("spark-1.log.1");
    FileInputConfig current = files(List.of(logs + "/spark-*.log"), List.of());
    FileInputConfig old = files(List.of(logs + "/*.log.1"), List.of());
    InputPrecedence precedence = new InputPrecedence().file("current", current).file("rotated", old);
    RecordingConsumer consumer = new RecordingConsumer();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<String> expected = new ArrayList<>();

    try (FileCheckpoints checkpoints = FileCheckpoints.open(dir.resolve("data"), registry);
        FileTailer first = new FileTailer("current", Stream.ENGINE, current, checkpoints, consumer,
            registry, new Liveness(), precedence);
        FileTailer second = new FileTailer("rotated", Stream.ENGINE, old, checkpoints, consumer,
            registry, new Liveness(), precedence);
        FileChannel writer = FileChannel.open(active, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      first.start();
      second.start();
      write(writer, lines("first", 1_000), expected);
      Waiting.until(Duration.ofSeconds(20), () -> consumer.lines().size() >= 1_000, () -> consumer.lines().size());

      // Renamed out of "current"'s paths into "rotated"'s, and still written through the old descriptor.
      Files.move(active, rotated);
      write(writer, lines("around the rename", 500), expected);
      Waiting.until(Duration.ofSeconds(20), () -> consumer.lines().size() >= 1_500, () -> consumer.lines().size());
      // "current" reads it until it has been quiet for the drain period (1 s), then lets go of it;
      // the next lines are "rotated"'s, from where "current" stopped.
      FileKey key = FileKey.stat(rotated).key();
      assertThat(precedence.claims().holder(key)).isEqualTo("current");
      Waiting.until(Duration.ofSeconds(20), () -> "rotated".equals(precedence.claims().holder(key)),
          () -> precedence.claims().holder(key));
      write(writer, lines("after the handover", 300), expected);
      Waiting.until(Duration.ofSeconds(20), () -> consumer.lines().size() >= expected.size(),
          () -> consumer.lines().size());
      Thread.sleep(500); // several rescans: nothing more may come
    }

    assertThat(consumer.lines()).extracting(RecordingConsumer.Line::text).containsExactlyElementsOf(expected);
    assertThat(consumer.lines().subList(0, 1_000)).extracting(line -> line.file().input()).containsOnly("current");
    assertThat(consumer.lines().subList(1_500, expected.size()))
        .extracting(line -> line.file().input(), line -> line.file().path())
        .containsOnly(org.assertj.core.groups.Tuple.tuple("rotated", rotated));
  }

  private static void write(FileChannel writer, List<String> lines, List<String> expected) throws IOException {
    writer.write(ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
    expected.addAll(lines);
  }

  private static List<String> lines(String name, int count) {
    return IntStream.range(0, count).mapToObj(i -> name + " line " + i).toList();
  }
}
