package io.pipelens.collector.sink.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.config.Secret;
import io.pipelens.core.record.LogRecord;
import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A real Spark event log through the archive into S3Proxy, downloaded and decompressed. */
class S3EventLogArchiveIT {

  private static final String APP = EventLogLines.APP;

  @Test
  void archivesARealEventLogInSparksRollingLayout() throws Exception {
    S3Server server = TestServers.s3();
    try (S3Client s3 = server.client()) {
      s3.createBucket(b -> b.bucket("archive-it"));
      ArchiveConfig config = new ArchiveConfig(null, URI.create("s3://archive-it/spark/events"), server.endpoint(),
          server.region(), true, server.accessKey(), Secret.of(server.secretKey()),
          DataSize.ofKibibytes(16), Duration.ofMinutes(10), null, null);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      EventLogArchiveSink sink = new EventLogArchiveSink(config, Clock.systemUTC(), registry);
      sink.start();
      List<LogRecord> records = EventLogLines.records();
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      long begin = System.nanoTime();
      for (int i = 0; i < records.size(); i += 10) {
        acks.add(sink.write(records.subList(i, Math.min(records.size(), i + 10))));
      }
      CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - begin) / 1_000_000;
      sink.stop(Duration.ofSeconds(5));

      String dir = "spark/events/eventlog_v2_" + APP + "/";
      List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("archive-it").prefix(dir)).contents().stream()
          .map(S3Object::key).map(k -> k.substring(dir.length())).sorted().toList();
      assertThat(keys).contains("appstatus_" + APP).doesNotContain("appstatus_" + APP + ".inprogress");
      List<String> events = keys.stream().filter(k -> k.startsWith("events_")).toList();
      assertThat(events.size()).as("files of at most 16 KiB from a 68 KB log").isGreaterThanOrEqualTo(5);

      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int n = 1; n <= events.size(); n++) {
        String key = dir + "events_" + n + "_" + APP + ".zstd";
        byte[] object = s3.getObjectAsBytes(b -> b.bucket("archive-it").key(key)).asByteArray();
        all.write(EventLogLines.decompress(object));
      }
      assertThat(all.toByteArray()).isEqualTo(EventLogLines.original());
      assertThat(registry.get("pipelens_collector_archive_uploads").tag("result", "success").counter().count())
          .isEqualTo(events.size() + 2);
      assertThat(registry.get("pipelens_collector_archive_uploads").tag("result", "failure").counter().count())
          .isZero();
      System.out.printf("archived %d lines into %d objects in %d ms%n", records.size(), events.size(), millis);
    }
  }
}
