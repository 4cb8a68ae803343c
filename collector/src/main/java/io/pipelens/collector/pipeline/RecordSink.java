package io.pipelens.collector.pipeline;

import io.pipelens.core.record.LogRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where sources hand normalized records. The returned future is the acknowledgement: a source
 * commits a Kafka offset or answers an OTLP request only once it completes.
 */
public interface RecordSink {

  /**
   * Takes {@code records} for storing. The future completes normally once every record is stored
   * or, rejected for good, handed to the dead letter queue; it completes exceptionally with {@link
   * SinkStoppedException} if the sink stopped before that, in which case the source must not
   * acknowledge the records to its client.
   */
  CompletableFuture<Void> write(List<LogRecord> records);

  /**
   * Whether the sink has room for more now. Sources stop taking in records while it is false (Kafka
   * pauses its partitions, OTLP answers 503), so memory stays bounded while the store is slow or
   * down. Cheap; called on every poll and request.
   */
  boolean hasCapacity();

  /**
   * Tells the sink that the source has handed over everything it has for now (a Kafka poll came
   * back short, an OTLP request was written): a sink that batches may send what it holds without
   * waiting for its batch to fill or its interval to pass. A hint; nothing to do by default.
   */
  default void flush() {}
}
