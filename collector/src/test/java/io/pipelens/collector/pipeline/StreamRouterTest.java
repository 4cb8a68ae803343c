package io.pipelens.collector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class StreamRouterTest {

  private static final LogRecord ENGINE = record("engine", "app-1");
  private static final LogRecord EVENT = record("event", "app-1");
  private static final LogRecord EVENT_WITHOUT_APP = record("event", null);

  @Test
  void eventsGoToTheArchiveTheRestToTheIndexAndTheAckWaitsForBoth() {
    Capture index = new Capture();
    Capture archive = new Capture();
    CompletableFuture<Void> ack = new StreamRouter(index, archive, false)
        .write(List.of(ENGINE, EVENT, EVENT_WITHOUT_APP));
    assertThat(index.records).containsExactly(ENGINE, EVENT_WITHOUT_APP);
    assertThat(archive.records).containsExactly(EVENT);
    index.ack.complete(null);
    assertThat(ack).isNotDone();
    archive.ack.complete(null);
    assertThat(ack).isCompleted();
  }

  @Test
  void indexEventsSendsEventsToBoth() {
    Capture index = new Capture();
    Capture archive = new Capture();
    new StreamRouter(index, archive, true).write(List.of(ENGINE, EVENT));
    assertThat(index.records).containsExactly(ENGINE, EVENT);
    assertThat(archive.records).containsExactly(EVENT);
  }

  @Test
  void aStoppedOutputFailsTheAckWithItsOwnException() {
    Capture index = new Capture();
    Capture archive = new Capture();
    CompletableFuture<Void> ack = new StreamRouter(index, archive, false).write(List.of(ENGINE, EVENT));
    index.ack.complete(null);
    archive.ack.completeExceptionally(new SinkStoppedException("stopped"));
    assertThat(ack).isCompletedExceptionally();
    try {
      ack.get();
    } catch (ExecutionException | InterruptedException e) {
      assertThat(e.getCause()).isInstanceOf(SinkStoppedException.class);
    }
  }

  private static LogRecord record(String stream, String app) {
    Attributes.Builder attributes = Attributes.builder().put(AttributeNames.PIPELENS_STREAM, stream);
    if (app != null) {
      attributes.put(AttributeNames.SPARK_APP_ID, app);
    }
    return LogRecord.builder().body(stream + "/" + app).attributes(attributes.build()).build();
  }

  private static final class Capture implements RecordSink {
    final List<LogRecord> records = new ArrayList<>();
    final CompletableFuture<Void> ack = new CompletableFuture<>();

    @Override
    public CompletableFuture<Void> write(List<LogRecord> batch) {
      records.addAll(batch);
      return ack;
    }

    @Override
    public boolean hasCapacity() {
      return true;
    }
  }
}
