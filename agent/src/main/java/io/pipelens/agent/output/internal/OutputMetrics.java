package io.pipelens.agent.output.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One output's meters, tagged {@code output=<name>}. Names and meanings are listed in {@link
 * io.pipelens.agent.output}'s package documentation; the constants here are the Micrometer names,
 * which Prometheus shows with underscores and a {@code _total}, {@code _seconds} suffix.
 */
public final class OutputMetrics {

  /** Records acknowledged by the destination. */
  public static final String SENT_RECORDS = "pipelens.agent.output.sent.records";

  /** Encoded bytes acknowledged by the destination (before compression). */
  public static final String SENT_BYTES = "pipelens.agent.output.sent.bytes";

  /** Failed attempts, by {@code error_type}; each is retried unless it is also counted rejected. */
  public static final String FAILED = "pipelens.agent.output.failed";

  /** Attempts that resend something that failed before. */
  public static final String RETRIES = "pipelens.agent.output.retries";

  /** Records the destination refused for good and that were given up on. */
  public static final String REJECTED_RECORDS = "pipelens.agent.output.rejected.records";

  /** Encoded bytes accepted by {@code send} and not acknowledged yet. */
  public static final String QUEUE_BYTES = "pipelens.agent.output.queue.bytes";

  /** From {@code send} to the acknowledgement of the whole batch. */
  public static final String SEND_LATENCY = "pipelens.agent.output.send.latency";

  private static final String OUTPUT_TAG = "output";

  private final MeterRegistry registry;
  private final String output;
  private final Counter sentRecords;
  private final Counter sentBytes;
  private final Counter retries;
  private final Counter rejectedRecords;
  private final Timer sendLatency;

  /** Registers the meters of output {@code output}; the queue gauge reads {@code queueBytes}. */
  public OutputMetrics(MeterRegistry registry, String output, LongSupplier queueBytes) {
    this.registry = registry;
    this.output = output;
    sentRecords =
        Counter.builder(SENT_RECORDS)
            .description("Records the output's destination acknowledged")
            .tag(OUTPUT_TAG, output)
            .register(registry);
    sentBytes =
        Counter.builder(SENT_BYTES)
            .description("Encoded bytes (before compression) the output's destination acknowledged")
            .baseUnit("bytes")
            .tag(OUTPUT_TAG, output)
            .register(registry);
    retries =
        Counter.builder(RETRIES)
            .description("Sends that repeat one that failed")
            .tag(OUTPUT_TAG, output)
            .register(registry);
    rejectedRecords =
        Counter.builder(REJECTED_RECORDS)
            .description("Records the destination refused for good; they were not delivered")
            .tag(OUTPUT_TAG, output)
            .register(registry);
    sendLatency =
        Timer.builder(SEND_LATENCY)
            .description("Time from send to the acknowledgement of the whole batch, retries included")
            .tag(OUTPUT_TAG, output)
            .register(registry);
    Gauge.builder(QUEUE_BYTES, queueBytes, supplier -> supplier.getAsLong())
        .description("Encoded bytes accepted by the output and not acknowledged yet")
        .baseUnit("bytes")
        .tag(OUTPUT_TAG, output)
        .strongReference(true)
        .register(registry);
  }

  /** Counts acknowledged records and their encoded bytes. */
  public void sent(long records, long bytes) {
    sentRecords.increment(records);
    sentBytes.increment(bytes);
  }

  /** Counts one failed attempt; {@code errorType} must come from a small fixed set. */
  public void failed(String errorType) {
    Counter.builder(FAILED)
        .description("Failed attempts to deliver, by error type")
        .tag(OUTPUT_TAG, output)
        .tag("error_type", errorType)
        .register(registry)
        .increment();
  }

  /** Counts one resend. */
  public void retried() {
    retries.increment();
  }

  /** Counts records given up on because the destination refused them for good. */
  public void rejected(long records) {
    rejectedRecords.increment(records);
  }

  /** Records the time a batch took from {@code send} to its acknowledgement. */
  public void latency(Duration duration) {
    sendLatency.record(duration);
  }
}
