package io.pipelens.agent.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.agent.source.FileIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointsTest {

  private static final FileIdentity FILE = new FileIdentity(2049, 131, 0x1234L);

  @TempDir Path dir;

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private FileCheckpoints open() {
    return FileCheckpoints.open(dir, registry);
  }

  @Test
  void offsetsOnlyMoveForwardAndSurviveAReload() {
    FileCheckpoints checkpoints = open();
    assertThat(checkpoints.offset(FILE)).isEmpty();
    checkpoints.advance(FILE, "/var/log/app.log", 100);
    checkpoints.advance(FILE, "/var/log/app.log", 40);
    assertThat(checkpoints.offset(FILE)).hasValue(100);
    checkpoints.flush();

    FileCheckpoints reloaded = FileCheckpoints.open(dir, new SimpleMeterRegistry());
    assertThat(reloaded.offset(FILE)).hasValue(100);
    assertThat(reloaded.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.path()).isEqualTo("/var/log/app.log");
      assertThat(entry.fingerprint()).isEqualTo(0x1234L);
    });
  }

  @Test
  void writesVersionedJsonAtomicallyLeavingNoTemporaryFile() throws IOException {
    FileCheckpoints checkpoints = open();
    checkpoints.advance(FILE, "/var/log/app.log", 7);
    checkpoints.flush();

    assertThat(dir.resolve(CheckpointFile.TEMP_NAME)).doesNotExist();
    JsonNode root = new ObjectMapper().readTree(dir.resolve("checkpoints.json").toFile());
    assertThat(root.get("version").asInt()).isEqualTo(1);
    JsonNode entry = root.get("checkpoints").get(0);
    assertThat(entry.get("device").asLong()).isEqualTo(2049);
    assertThat(entry.get("inode").asLong()).isEqualTo(131);
    assertThat(entry.get("fingerprint").asLong()).isEqualTo(0x1234L);
    assertThat(entry.get("offset").asLong()).isEqualTo(7);
    assertThat(Instant.parse(entry.get("updated").asText())).isNotNull();
  }

  @Test
  void theTemporaryFileOfAnInterruptedWriteIsUsedWhenTheMainOneIsMissing() throws IOException {
    FileCheckpoints checkpoints = open();
    checkpoints.advance(FILE, "/var/log/app.log", 55);
    checkpoints.flush();
    // A crash after the temporary file was written and synced but before the rename.
    Files.move(dir.resolve("checkpoints.json"), dir.resolve(CheckpointFile.TEMP_NAME));

    assertThat(FileCheckpoints.open(dir, new SimpleMeterRegistry()).offset(FILE)).hasValue(55);
  }

  @Test
  void aCorruptFileIsMovedAsideAndTheTemporaryOneOrNothingIsUsed() throws IOException {
    FileCheckpoints checkpoints = open();
    checkpoints.advance(FILE, "/var/log/app.log", 99);
    checkpoints.flush();
    Files.copy(dir.resolve("checkpoints.json"), dir.resolve(CheckpointFile.TEMP_NAME));
    Files.writeString(dir.resolve("checkpoints.json"), "{\"version\":1,\"checkpoints\":[{\"dev");

    FileCheckpoints fromTemp = FileCheckpoints.open(dir, new SimpleMeterRegistry());
    assertThat(fromTemp.offset(FILE)).hasValue(99);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("checkpoints.json.corrupt-"));
    }

    Files.writeString(dir.resolve("checkpoints.json"), "not json at all");
    Files.deleteIfExists(dir.resolve(CheckpointFile.TEMP_NAME));
    FileCheckpoints fresh = FileCheckpoints.open(dir, new SimpleMeterRegistry());
    assertThat(fresh.entries()).isEmpty();
    fresh.advance(FILE, "/var/log/app.log", 1);
    fresh.flush();
    assertThat(FileCheckpoints.open(dir, new SimpleMeterRegistry()).offset(FILE)).hasValue(1);
  }

  @Test
  void aFileFromANewerVersionIsNotMisread() throws IOException {
    Files.writeString(dir.resolve("checkpoints.json"), "{\"version\":2,\"checkpoints\":[]}");
    assertThat(open().entries()).isEmpty();
    assertThat(dir.resolve("checkpoints.json")).doesNotExist();
  }

  @Test
  void fingerprintsGuardAgainstReusedInodes() {
    FileCheckpoints checkpoints = open();
    FileIdentity shortFile = new FileIdentity(1, 2, 0);
    checkpoints.advance(shortFile, "/l/a.log", 10);
    // The file grew past fingerprint_bytes: device and inode alone identified it until then.
    FileIdentity grown = new FileIdentity(1, 2, 777);
    assertThat(checkpoints.offset(grown)).hasValue(10);
    checkpoints.advance(grown, "/l/a.log", 10);
    checkpoints.advance(shortFile, "/l/a.log", 20); // the reader still uses the first identity
    assertThat(checkpoints.offset(grown)).hasValue(20);
    // Now shorter than the fingerprint, or different first bytes: not the same file.
    assertThat(checkpoints.offset(shortFile)).isEmpty();
    assertThat(checkpoints.offset(new FileIdentity(1, 2, 888))).isEmpty();
    checkpoints.advance(new FileIdentity(1, 2, 888), "/l/b.log", 5);
    assertThat(checkpoints.offset(new FileIdentity(1, 2, 888))).hasValue(5);
    checkpoints.forget(new FileIdentity(1, 2, 888));
    assertThat(checkpoints.entries()).isEmpty();
  }

  @Test
  void entriesOfFilesGoneLongerThanTheGraceAreDropped() throws IOException {
    Path present = Files.writeString(dir.resolve("present.log"), "x");
    var attributes = Files.readAttributes(present, "unix:dev,ino");
    FileIdentity there = new FileIdentity((Long) attributes.get("dev"),
        (Long) attributes.get("ino"), 0);
    AtomicLong now = new AtomicLong(1_000_000);
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
    };
    FileCheckpoints checkpoints = new FileCheckpoints(dir.resolve("data"), Duration.ofSeconds(1),
        Duration.ofMinutes(10), registry, clock);
    checkpoints.advance(there, present.toString(), 1);
    checkpoints.advance(FILE, dir.resolve("deleted.log").toString(), 1);

    now.addAndGet(Duration.ofMinutes(5).toMillis());
    checkpoints.expireGone();
    assertThat(checkpoints.entries()).hasSize(2);
    now.addAndGet(Duration.ofMinutes(6).toMillis());
    checkpoints.expireGone();
    assertThat(checkpoints.offset(there)).hasValue(1);
    assertThat(checkpoints.offset(FILE)).isEmpty();
  }

  @Test
  void failedWritesAreCountedAndRetried() throws IOException {
    FileCheckpoints checkpoints = open();
    checkpoints.advance(FILE, "/l/a.log", 3);
    Files.createDirectory(dir.resolve(CheckpointFile.TEMP_NAME)); // the write cannot create it
    assertThatThrownBy(checkpoints::flush).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write checkpoints");
    assertThat(registry.get(FileCheckpoints.WRITE_ERRORS).counter().count()).isEqualTo(1);

    Files.delete(dir.resolve(CheckpointFile.TEMP_NAME));
    checkpoints.flush(); // still dirty, so written now
    assertThat(FileCheckpoints.open(dir, new SimpleMeterRegistry()).offset(FILE)).hasValue(3);
  }

  @Test
  void thePeriodicWriterPersistsWithoutAnExplicitFlush() throws Exception {
    FileCheckpoints checkpoints = new FileCheckpoints(dir, Duration.ofMillis(50),
        Duration.ofHours(1), registry, Clock.systemUTC());
    checkpoints.start();
    try {
      checkpoints.advance(FILE, "/l/a.log", 42);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      OptionalLong onDisk = OptionalLong.empty();
      while (onDisk.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        if (Files.exists(dir.resolve("checkpoints.json"))) {
          onDisk = FileCheckpoints.open(dir, new SimpleMeterRegistry()).offset(FILE);
        }
      }
      assertThat(onDisk).hasValue(42);
      assertThat(Thread.getAllStackTraces().keySet())
          .anyMatch(thread -> thread.getName().equals(FileCheckpoints.THREAD_NAME));
    } finally {
      checkpoints.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void metersHaveTheDocumentedPrometheusNames() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FileCheckpoints.open(dir, prometheus);
    String scrape = prometheus.scrape();
    assertThat(scrape).contains("pipelens_agent_checkpoint_age_seconds ")
        .contains("pipelens_agent_checkpoint_write_errors_total ");
  }
}
