package io.pipelens.agent.output;

import io.pipelens.core.record.LogRecord;
import java.util.List;

/**
 * Records on their way to one output, in the order they were read.
 *
 * @param records the records; the list is not modified by anyone once the batch exists
 * @param bytes their approximate size, as counted against the pipeline's byte budget
 */
public record RecordBatch(List<LogRecord> records, long bytes) {
  public RecordBatch {
    records = List.copyOf(records);
  }
}
