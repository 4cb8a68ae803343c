package io.pipelens.collector.sink.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.core.record.LogRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive that cannot be read or written yet: records wait, unacknowledged, and none is lost. */
class ArchiveOutageTest {

  @TempDir
  Path root;

  @Test
  void anUnreachableStoreHoldsAcknowledgementsUntilItIsBackAndLosesNothing() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    ArchiveStore local = new LocalArchiveStore(root);
    ArchiveStore flaky = new ArchiveStore() {
      @Override
      public void put(String key, byte[] content, Map<String, String> metadata) throws IOException {
        check();
        local.put(key, content, metadata);
      }

      @Override
      public Map<String, String> metadata(String key) throws IOException {
        check();
        return local.metadata(key);
      }

      @Override
      public List<String> list(String directory) throws IOException {
        check();
        return local.list(directory);
      }

      @Override
      public void delete(String key) throws IOException {
        check();
        local.delete(key);
      }

      @Override
      public String describe() {
        return "flaky";
      }

      @Override
      public void close() {}

      private void check() throws IOException {
        if (down.get()) {
          throw new IOException("connection refused");
        }
      }
    };
    ArchiveConfig config = new ArchiveConfig(URI.create("file:///unused"), null, null, null, null, null, null,
        null, Duration.ofMillis(100), null, null);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EventLogArchiveSink sink = new EventLogArchiveSink(config, flaky, Clock.systemUTC(), registry);
    sink.start();
    List<LogRecord> records = EventLogLines.records();
    // Accepted without I/O on the caller's thread, even though the app was never seen.
    CompletableFuture<Void> first = sink.write(records.subList(0, 40));
    CompletableFuture<Void> second = sink.write(records.subList(40, records.size()));
    Thread.sleep(1000);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(sink.failingReason()).contains("eventlog_v2_local-1422981780767", "connection refused");
    assertThat(registry.get("pipelens_collector_archive_uploads").tag("result", "failure").counter().count())
        .isGreaterThanOrEqualTo(2);
    down.set(false);
    CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
    sink.stop(Duration.ofSeconds(5));
    assertThat(EventLogLines.decompress(java.nio.file.Files.readAllBytes(root.resolve(
        "eventlog_v2_local-1422981780767/events_1_local-1422981780767.zstd")))).isEqualTo(EventLogLines.original());
    assertThat(local.list("eventlog_v2_local-1422981780767")).contains("appstatus_local-1422981780767");
  }
}
