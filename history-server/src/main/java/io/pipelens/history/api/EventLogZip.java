package io.pipelens.history.api;

import io.pipelens.history.listing.LocatedLog;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.LogLayout;
import io.pipelens.history.source.StoreEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Spark's {@code /logs} download: the event log files of one or all attempts in a zip, each entry
 * byte for byte the file as listed. A single-file log is one entry named like the file; a rolling
 * log is a directory entry followed by its event files. No replay is needed (Spark's SPARK-33215).
 */
final class EventLogZip {

  private EventLogZip() {}

  /** Streams the zip of {@code logs} to {@code out}. */
  static void write(OutputStream out, List<LocatedLog> logs) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    for (LocatedLog located : logs) {
      EventLog log = located.log();
      String prefix = "";
      if (log.layout() == LogLayout.ROLLING) {
        prefix = log.name() + "/";
        zip.putNextEntry(new ZipEntry(prefix));
        zip.closeEntry();
      }
      for (StoreEntry file : log.files()) {
        zip.putNextEntry(new ZipEntry(prefix + file.name()));
        // Exactly the listed length: bytes appended since belong to the next listing.
        try (InputStream in = located.store().openRange(file.path(), 0, file.size())) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    zip.finish();
    zip.flush();
  }
}
