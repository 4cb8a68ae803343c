package io.pipelens.collector.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code pipelens_collector_dlq_records_total{stage}}: letters stored, by stage. */
final class DeadLetterMetrics {

  private final Counter decode;
  private final Counter index;

  DeadLetterMetrics(MeterRegistry registry) {
    this.decode = counter(registry, DeadLetter.DECODE);
    this.index = counter(registry, DeadLetter.INDEX);
  }

  void stored(DeadLetter letter) {
    (DeadLetter.DECODE.equals(letter.stage()) ? decode : index).increment();
  }

  private static Counter counter(MeterRegistry registry, String stage) {
    return Counter.builder("pipelens_collector_dlq_records")
        .description("Messages and records stored in the dead letter queue")
        .tag("stage", stage)
        .register(registry);
  }
}
