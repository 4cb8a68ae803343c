package io.pipelens.collector.pipeline;

import io.pipelens.collector.normalize.RecordFields;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends Spark event-log records ({@code pipelens.stream=event}) to the archive and everything
 * else to the search index; event records go to the index too when {@code indexEvents}. The
 * acknowledgement completes once every output that got records acknowledged them, so a batch
 * split between outputs is acknowledged only when both halves are stored.
 */
public final class StreamRouter implements RecordSink {

  private final RecordSink index;
  private final RecordSink archive;
  private final boolean indexEvents;

  /** A router between {@code index} and {@code archive}. */
  public StreamRouter(RecordSink index, RecordSink archive, boolean indexEvents) {
    this.index = index;
    this.archive = archive;
    this.indexEvents = indexEvents;
  }

  /**
   * Whether {@code record} is a line of a Spark event log that can be archived: stream {@code
   * event} with a {@code spark.app.id}. Event records without an app id cannot be placed in the
   * layout and are indexed instead.
   */
  public static boolean isEvent(LogRecord record) {
    return Stream.EVENT.wireName().equals(record.attributes().getString(AttributeNames.PIPELENS_STREAM))
        && RecordFields.has(record, AttributeNames.SPARK_APP_ID);
  }

  @Override
  public CompletableFuture<Void> write(List<LogRecord> records) {
    List<LogRecord> events = new ArrayList<>();
    List<LogRecord> indexed = new ArrayList<>(records.size());
    for (LogRecord record : records) {
      if (isEvent(record)) {
        events.add(record);
        if (indexEvents) {
          indexed.add(record);
        }
      } else {
        indexed.add(record);
      }
    }
    if (events.isEmpty()) {
      return index.write(indexed);
    }
    if (indexed.isEmpty()) {
      return archive.write(events);
    }
    CompletableFuture<Void> archived = archive.write(events);
    CompletableFuture<Void> stored = index.write(indexed);
    // Not allOf: that wraps the cause, and sources look at SinkStoppedException itself.
    return archived.thenCombine(stored, (a, b) -> (Void) null)
        .handle((ok, error) -> {
          if (error == null) {
            return CompletableFuture.<Void>completedFuture(null);
          }
          Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
              ? error.getCause() : error;
          return CompletableFuture.<Void>failedFuture(cause);
        })
        .thenCompose(f -> f);
  }

  @Override
  public boolean hasCapacity() {
    return index.hasCapacity() && archive.hasCapacity();
  }

  @Override
  public void flush() {
    index.flush();
    archive.flush();
  }
}
