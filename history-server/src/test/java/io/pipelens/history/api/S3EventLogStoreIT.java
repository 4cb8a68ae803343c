package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.Secret;
import io.pipelens.history.app.HistoryServerConfig;
import io.pipelens.history.app.HistoryServerService;
import io.pipelens.history.app.SampleEventLogs;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.source.EventLogCodec;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogStore;
import io.pipelens.history.source.EventLogStores;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.source.ObjectStoreConfig;
import io.pipelens.history.source.StoreEntry;
import io.pipelens.history.testing.Compression;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServers;
import io.pipelens.runtime.ops.HttpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sample Spark logs uploaded to a real S3-compatible server (S3Proxy), listed and replayed
 * through {@code s3://}, answer like the same logs on disk.
 */
class S3EventLogStoreIT {

  private static final String BUCKET = "history-it";

  @TempDir static Path root;

  private static S3Server server;
  private static S3Client s3;
  private static Path plain;

  @BeforeAll
  static void upload() throws IOException {
    server = TestServers.s3();
    s3 = server.client();
    s3.createBucket(b -> b.bucket(BUCKET));
    plain = root.resolve("plain");
    SampleEventLogs.copyTo(plain);
    TestLogs.copy(
        plain,
        TestLogs.LOCAL_1422981780767,
        TestLogs.ATTEMPT_1,
        TestLogs.ATTEMPT_2,
        TestLogs.YARN_3_0);
    uploadTree(plain, "spark/events/");
    Path zstd = root.resolve("zstd");
    Compression.copyCompressed(plain, zstd, EventLogCodec.ZSTD);
    uploadTree(zstd, "spark/zstd-events/");
  }

  @AfterAll
  static void close() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void listsAndReplaysThroughS3LikeFromDisk() throws IOException {
    Map<String, String> local =
        Answers.of(new LocalEventLogStore(plain), new EventLogDecoder(), true);
    long started = System.nanoTime();
    Map<String, String> remote;
    try (EventLogStore store = open("s3://" + BUCKET + "/spark/events")) {
      assertThat(store.location()).isEqualTo("s3://" + BUCKET + "/spark/events/");
      remote = Answers.of(store, new EventLogDecoder(), true);
    }
    System.out.printf(
        "s3:// listing + %d answers in %d ms%n",
        remote.size(), (System.nanoTime() - started) / 1_000_000);

    Answers.assertSame(remote, local);
  }

  @Test
  void compressedLogsOnS3AnswerLikeUncompressedOnDisk() throws IOException {
    Map<String, String> local =
        Answers.of(new LocalEventLogStore(plain), new EventLogDecoder(), true);
    try (EventLogStore store = open("s3://" + BUCKET + "/spark/zstd-events/")) {
      Answers.assertSame(Answers.of(store, new EventLogDecoder(), true), local);
    }
  }

  @Test
  void listsSizesTimesEtagsAndPrefixesAsDirectories() throws IOException {
    try (EventLogStore store = open("s3://" + BUCKET + "/spark/events")) {
      List<StoreEntry> entries = store.list("");
      StoreEntry log =
          entries.stream()
              .filter(e -> e.name().equals(TestLogs.LOCAL_1422981780767))
              .findFirst()
              .orElseThrow();
      assertThat(log.directory()).isFalse();
      assertThat(log.size()).isEqualTo(Files.size(plain.resolve(TestLogs.LOCAL_1422981780767)));
      assertThat(log.modifiedMillis()).isPositive();
      assertThat(log.etag()).isNotEmpty();
      assertThat(entries)
          .filteredOn(StoreEntry::directory)
          .extracting(StoreEntry::name)
          .containsExactly("eventlog_v2_local-1766844910796");
      assertThat(store.list("eventlog_v2_local-1766844910796"))
          .extracting(StoreEntry::path)
          .containsExactlyInAnyOrder(
              "eventlog_v2_local-1766844910796/appstatus_local-1766844910796",
              "eventlog_v2_local-1766844910796/events_1_local-1766844910796");
      assertThatThrownBy(() -> store.openRange("missing", 0, 10))
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void listsOneApplicationByPrefixAndLoadsItOnDemand() throws IOException {
    try (EventLogStore store = open("s3://" + BUCKET + "/spark/events")) {
      assertThat(store.list("", "eventlog_v2_local-1766844910796"))
          .extracting(StoreEntry::name)
          .containsExactly("eventlog_v2_local-1766844910796");
      assertThat(store.list("", TestLogs.ATTEMPT_1))
          .extracting(StoreEntry::name)
          .containsExactly(TestLogs.ATTEMPT_1);

      ListingRefresher refresher = new ListingRefresher(List.of(store), new AttemptReader());
      // No scan: both the rolling log and a single file are found by their ids alone.
      assertThat(refresher.application("local-1766844910796")).isPresent();
      assertThat(refresher.application(TestLogs.ATTEMPT_1)).isPresent();
      assertThat(refresher.listing().applications()).hasSize(2);
    }
  }

  @Test
  void rangedReadsCrossChunkBoundaries() throws IOException {
    byte[] big = new byte[17 << 20];
    new Random(7).nextBytes(big);
    s3.putObject(b -> b.bucket(BUCKET).key("ranges/big"), RequestBody.fromBytes(big));
    try (EventLogStore store = open("s3://" + BUCKET + "/ranges")) {
      StoreEntry entry = store.list("").get(0);
      long from = (8 << 20) - 10;
      try (InputStream in = store.openRange(entry, from, big.length - from)) {
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(big, (int) from, big.length));
      }
      try (InputStream in = store.openRange("big", 5, 10)) {
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(big, 5, 15));
      }
      try (InputStream in = store.openRange("big", big.length + 5L, 10)) {
        assertThat(in.readAllBytes()).as("past the end").isEmpty();
      }
      // Closing early aborts the request instead of downloading the rest.
      try (InputStream in = store.openRange("big", 0, big.length)) {
        assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOf(big, 100));
      }
    }
  }

  @Test
  void theServiceServesAnS3LogDirectoryFromItsConfiguration() throws Exception {
    ObjectStoreConfig s3Config =
        new ObjectStoreConfig(
            server.endpoint(),
            null,
            true,
            Secret.of(server.accessKey()),
            Secret.of(server.secretKey()));
    HistoryServerConfig config =
        new HistoryServerConfig(
            List.of(URI.create("s3://" + BUCKET + "/spark/zstd-events")),
            Duration.ofSeconds(1),
            new HttpConfig("127.0.0.1", 0),
            null,
            null,
            null,
            null,
            s3Config,
            null);
    try (HistoryServerService service = new HistoryServerService(config)) {
      service.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!service.refresher().refreshed() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      HttpResponse<String> apps = Http.get(service.port(), "/api/v1/applications");
      assertThat(apps.statusCode()).isEqualTo(200);
      assertThat(service.refresher().listing().size()).isEqualTo(7);
      assertThat(
              Http.get(
                      service.port(),
                      "/api/v1/applications/" + TestLogs.LOCAL_1422981780767 + "/jobs")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aMissingBucketIsNoSuchFile() {
    try (EventLogStore store = open("s3://no-such-bucket-" + System.nanoTime() + "/x")) {
      assertThatThrownBy(() -> store.list("")).isInstanceOf(NoSuchFileException.class);
    }
  }

  private static EventLogStore open(String uri) {
    ObjectStoreConfig config =
        new ObjectStoreConfig(
            server.endpoint(),
            server.region(),
            true,
            Secret.of(server.accessKey()),
            Secret.of(server.secretKey()));
    return EventLogStores.open(URI.create(uri), config, ObjectStoreConfig.defaults());
  }

  private static void uploadTree(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = prefix + dir.relativize(file).toString().replace('\\', '/');
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(file));
      }
    }
  }
}
