package io.pipelens.agent.pipeline;

import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.source.FileIdentity;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.LogRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch while it is being filled and until every output acknowledged it. It remembers, per
 * file, the end offset of its last record of that file: what that file's checkpoint may move to
 * once this batch and every earlier batch with records of the file are acknowledged.
 */
final class PendingBatch {

  /** Where a file's records in this batch end. */
  record FileEnd(SourceFile file, long endOffset) {}

  private final long sequence;
  private final List<LogRecord> records = new ArrayList<>();
  private final Map<FileIdentity, FileEnd> ends = new LinkedHashMap<>();
  private long bytes;
  private volatile boolean acknowledged;

  PendingBatch(long sequence) {
    this.sequence = sequence;
  }

  void add(SourceFile file, LogRecord record, long endOffset, long recordBytes) {
    records.add(record);
    bytes += recordBytes;
    ends.put(file.identity(), new FileEnd(file, endOffset));
  }

  /**
   * A record of {@code file} that was dropped ({@code when_full: drop_newest}): not sent, but the
   * file's checkpoint may move past it with this batch.
   */
  void skip(SourceFile file, long endOffset) {
    ends.put(file.identity(), new FileEnd(file, endOffset));
  }

  long sequence() {
    return sequence;
  }

  int size() {
    return records.size();
  }

  long bytes() {
    return bytes;
  }

  /** Neither records nor dropped records' offsets. */
  boolean isEmpty() {
    return records.isEmpty() && ends.isEmpty();
  }

  Map<FileIdentity, FileEnd> ends() {
    return ends;
  }

  RecordBatch toRecordBatch() {
    return new RecordBatch(records, bytes);
  }

  void markAcknowledged() {
    acknowledged = true;
  }

  boolean isAcknowledged() {
    return acknowledged;
  }
}
