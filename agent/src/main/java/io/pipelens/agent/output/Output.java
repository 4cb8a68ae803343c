package io.pipelens.agent.output;

import io.pipelens.runtime.lifecycle.Service;
import java.util.concurrent.CompletionStage;

/**
 * A destination for records: Kafka, OTLP/HTTP, a file or stdout.
 *
 * <p>Contract: {@link #send} takes a batch and returns at once, or blocks while the output's own
 * queue is full. The returned stage completes normally when the destination acknowledged every
 * record of the batch (Kafka: {@code acks=all}; OTLP: a 2xx answer; file: written and flushed).
 * Retryable failures are retried inside the output, with backoff, for as long as it takes: the
 * agent never drops a record on its own. The stage completes exceptionally only when the output is
 * stopped before the batch was acknowledged; the records are then read again from the file after
 * a restart, because their checkpoint never moved.
 */
public interface Output extends Service {

  /** Queues {@code batch}; the stage completes when the destination acknowledged it. */
  CompletionStage<Void> send(RecordBatch batch) throws InterruptedException;
}
