package io.pipelens.agent.output;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import java.util.ArrayList;
import java.util.List;

/** Records shaped like the agent's: a Spark driver's engine log, with path and offset. */
public final class TestRecords {

  private TestRecords() {}

  /** A resource of a Spark pod of application {@code appId}. */
  public static Resource sparkPod(String appId, String podUid) {
    return Resource.of(
        Attributes.builder()
            .put(AttributeNames.K8S_NAMESPACE_NAME, "data-prep")
            .put(AttributeNames.K8S_POD_NAME, "driver-" + appId)
            .put(AttributeNames.K8S_POD_UID, podUid)
            .put(AttributeNames.SPARK_APP_ID, appId)
            .build());
  }

  /** One record of {@code stream} read at {@code offset} of {@code path}. */
  public static LogRecord record(Resource resource, String stream, String path, long offset, String body) {
    return LogRecord.builder()
        .timestampNanos(1_700_000_000_000_000_000L + offset)
        .observedTimestampNanos(1_700_000_000_500_000_000L + offset)
        .severity(Severity.INFO)
        .severityText("INFO")
        .body(body)
        .attributes(
            Attributes.builder()
                .put(AttributeNames.PIPELENS_STREAM, stream)
                .put(AttributeNames.LOG_FILE_PATH, path)
                .put(AttributeNames.LOG_OFFSET, offset)
                .build())
        .resource(resource)
        .build();
  }

  /** {@code count} consecutive records of one file, offsets {@code firstOffset}, +100, ... */
  public static List<LogRecord> records(
      Resource resource, String stream, String path, long firstOffset, int count) {
    List<LogRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long offset = firstOffset + 100L * i;
      records.add(record(resource, stream, path, offset, "line at " + offset + " of " + path));
    }
    return records;
  }

  /** A batch of {@code records}. */
  public static RecordBatch batch(List<LogRecord> records) {
    return new RecordBatch(records, 200L * records.size());
  }
}
