package io.pipelens.collector.sink.archive;

import com.github.luben.zstd.ZstdInputStream;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real Spark event log as the agent would send it: one record per line, with its offset. */
final class EventLogLines {

  static final String APP = "local-1422981780767";
  static final String SOURCE = "/var/log/spark-events/" + APP + ".inprogress";

  private EventLogLines() {}

  /** The original file, byte for byte. */
  static byte[] original() throws IOException {
    try (InputStream in = EventLogLines.class.getResourceAsStream("/spark-events/" + APP)) {
      return in.readAllBytes();
    }
  }

  /** One event record per line of {@link #original()}. */
  static List<LogRecord> records() throws IOException {
    return records(original());
  }

  /** One event record per line of {@code bytes}, at its offset in them. */
  static List<LogRecord> records(byte[] bytes) {
    List<LogRecord> records = new ArrayList<>();
    Resource driver = Resource.of(Attributes.builder()
        .put(AttributeNames.K8S_NAMESPACE_NAME, "data-prep")
        .put(AttributeNames.K8S_POD_NAME, "job-1-driver")
        .put(AttributeNames.K8S_POD_UID, "uid-1")
        .put(AttributeNames.SPARK_APP_ID, APP)
        .build());
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
        records.add(LogRecord.builder()
            .timestamp(Instant.parse("2015-02-03T16:43:00Z"))
            .body(line)
            .resource(driver)
            .attributes(Attributes.builder()
                .put(AttributeNames.PIPELENS_STREAM, "event")
                .put(AttributeNames.LOG_FILE_PATH, SOURCE)
                .put(AttributeNames.LOG_OFFSET, (long) start)
                .build())
            .build());
        start = i + 1;
      }
    }
    return records;
  }

  /** Decompresses one archived file: it must be a complete zstd stream on its own. */
  static byte[] decompress(byte[] zstd) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd))) {
      in.transferTo(out);
    }
    return out.toByteArray();
  }
}
