package io.pipelens.history.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEventLogStoreTest {

  @TempDir Path dir;

  @Test
  void readsByteRanges() throws IOException {
    Files.writeString(dir.resolve("log"), "0123456789");
    LocalEventLogStore store = new LocalEventLogStore(dir);

    assertThat(read(store, "log", 2, 3)).isEqualTo("234");
    assertThat(read(store, "log", 7, 100)).isEqualTo("789");
    assertThat(read(store, "log", 20, 5)).isEmpty();
  }

  @Test
  void aMissingFileIsNoSuchFileAndADirectoryIsAnotherError() throws IOException {
    Files.createDirectory(dir.resolve("eventlog_v2_app-1"));
    LocalEventLogStore store = new LocalEventLogStore(dir);

    // The listing tells a log renamed since it was listed by this exception (logged quietly).
    assertThatThrownBy(() -> store.openRange("app-1.inprogress", 0, 10))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("app-1.inprogress");
    assertThatThrownBy(() -> store.openRange("eventlog_v2_app-1", 0, 10))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(NoSuchFileException.class);
  }

  @Test
  void readsWholeBuffersFromAnOffsetAcrossLargeReads() throws IOException {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + (i >>> 11));
    }
    Files.write(dir.resolve("big"), content);
    LocalEventLogStore store = new LocalEventLogStore(dir);

    try (InputStream in = store.openRange("big", 1000, content.length)) {
      byte[] read = in.readAllBytes();
      assertThat(read).hasSize(content.length - 1000);
      assertThat(read).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, content.length));
    }
  }

  @Test
  void anInterruptedThreadStopsReading() throws IOException {
    Files.writeString(dir.resolve("log"), "0123456789");
    LocalEventLogStore store = new LocalEventLogStore(dir);
    try (InputStream in = store.openRange("log", 0, 10)) {
      assertThat(in.read(new byte[4], 0, 4)).isEqualTo(4);
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> in.read(new byte[4], 0, 4))
            .isInstanceOf(java.io.InterruptedIOException.class)
            .hasMessageContaining("log");
        assertThatThrownBy(in::read).isInstanceOf(java.io.InterruptedIOException.class); // one byte too
      } finally {
        assertThat(Thread.interrupted()).as("the interrupt is left set").isTrue();
      }
    }
  }

  @Test
  void listsWithSizesModificationTimesAndRelativePaths() throws IOException {
    Files.writeString(
        Files.createDirectories(dir.resolve("eventlog_v2_x")).resolve("events_1_x"), "ab");
    LocalEventLogStore store = new LocalEventLogStore(dir);

    assertThat(store.list(""))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("eventlog_v2_x");
              assertThat(e.directory()).isTrue();
            });
    StoreEntry file = store.list("eventlog_v2_x").get(0);
    assertThat(file.path()).isEqualTo("eventlog_v2_x/events_1_x");
    assertThat(file.size()).isEqualTo(2);
    assertThat(file.modifiedMillis())
        .isEqualTo(Files.getLastModifiedTime(dir.resolve(file.path())).toMillis());
    assertThat(store.location()).endsWith("/").startsWith("file:");
  }

  @Test
  void refusesPathsThatLeaveTheRoot() throws IOException {
    Files.writeString(dir.resolve("secret"), "s");
    LocalEventLogStore store = new LocalEventLogStore(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("logs"));

    for (String path : new String[] {"../secret", "a/../../secret", "/etc/passwd", "a//b", "./x"}) {
      assertThatThrownBy(() -> store.openRange(path, 0, 1), path)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.list(path), path).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void opensFileUrisAndPlainPathsOnly() {
    assertThat(EventLogStores.open(dir.toUri())).isInstanceOf(LocalEventLogStore.class);
    assertThat(((LocalEventLogStore) EventLogStores.open(URI.create(dir.toString()))).root())
        .isEqualTo(dir.toAbsolutePath().normalize());
    assertThatThrownBy(() -> EventLogStores.open(URI.create("hdfs://namenode/spark-events")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hdfs://namenode/spark-events");
  }

  private static String read(EventLogStore store, String path, long offset, long length)
      throws IOException {
    try (InputStream in = store.openRange(path, offset, length)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
