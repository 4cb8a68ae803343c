package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.checkpoint.FileCheckpoints;
import io.pipelens.core.record.Stream;
import io.pipelens.runtime.liveness.Liveness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  private static List<String> lines(String name, int count) {
    return IntStream.range(0, count).mapToObj(i -> name + " line " + i).toList();
  }
}
