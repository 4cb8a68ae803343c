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
  private List<LogRecord> records; // null once handed to the outputs
  private int size;
  private final Map<FileIdentity, FileEnd> ends = new LinkedHashMap<>();
  // The file of the last record and where that record ends, put into ends only when a record of
  // another file comes or ends() is first asked for: a run of one file's records, the usual case,
  // costs no map update and no FileEnd per record.
  private SourceFile lastFile;
  private long lastEnd;
  private long bytes;
  private volatile boolean acknowledged;

  PendingBatch(long sequence) {
    this(sequence, 10);
  }

  /** A batch whose list has room for {@code expectedRecords} (the last batch's count, say). */
  PendingBatch(long sequence, int expectedRecords) {
    this.sequence = sequence;
    this.records = new ArrayList<>(Math.max(10, expectedRecords));
  }

  void add(SourceFile file, LogRecord record, long endOffset, long recordBytes) {
    records.add(record);
    size++;
    bytes += recordBytes;
    noteEnd(file, endOffset);
  }

  private void noteEnd(SourceFile file, long endOffset) {
    if (lastFile != null && lastFile.identity() != file.identity() && !lastFile.identity().equals(file.identity())) {
      ends.put(lastFile.identity(), new FileEnd(lastFile, lastEnd));
    }
    lastFile = file;
    lastEnd = endOffset;
  }

  /**
   * A record of {@code file} that was dropped ({@code when_full: drop_newest}): not sent, but the
   * file's checkpoint may move past it with this batch.
   */
  void skip(SourceFile file, long endOffset) {
    noteEnd(file, endOffset);
  }

  long sequence() {
    return sequence;
  }

  int size() {
    return size;
  }

  long bytes() {
    return bytes;
  }

  /** Neither records nor dropped records' offsets. */
  boolean isEmpty() {
    return size == 0 && ends.isEmpty() && lastFile == null;
  }

  /**
   * Per file, where its last record in this batch ends, in the order the files first came. Asked
   * for first when the batch is sealed (under the pipeline's lock, once the last record is in),
   * and only read after that.
   */
  Map<FileIdentity, FileEnd> ends() {
    if (lastFile != null) {
      ends.put(lastFile.identity(), new FileEnd(lastFile, lastEnd));
      lastFile = null;
    }
    return ends;
  }

  /**
   * The records, for the outputs, once. The batch keeps only their count, bytes and files' ends
   * from then on: a record an output is done with (the file output's, once encoded) can be
   * collected while the batch waits for the other outputs' acknowledgements, and the garbage
   * collector does not copy a whole memory budget of records from one young generation to the next.
   */
  RecordBatch takeRecords() {
    if (records == null) {
      throw new IllegalStateException("batch " + sequence + " was already handed to the outputs");
    }
    RecordBatch batch = new RecordBatch(records, bytes);
    records = null;
    return batch;
  }

  void markAcknowledged() {
    acknowledged = true;
  }

  boolean isAcknowledged() {
    return acknowledged;
  }
}
