package io.pipelens.agent.process;

import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.LogRecord;

/**
 * Where processing hands finished records. Called on the reader thread; may block for
 * backpressure.
 */
public interface RecordEmitter {

  /**
   * One finished record from {@code file}.
   *
   * @param endOffset the offset just after the last line the record holds; once this record and
   *     every earlier one of the file are acknowledged, the file's checkpoint moves here
   * @param bytes the record's approximate size in memory, for the pipeline's byte budget
   */
  void emit(SourceFile file, LogRecord record, long endOffset, long bytes) throws InterruptedException;
}
