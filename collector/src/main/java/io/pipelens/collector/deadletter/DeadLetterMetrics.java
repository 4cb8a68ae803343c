package io.pipelens.collector.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pipelens.collector.pipeline.ComputeTypeCounter;

/** {@code pipelens_collector_dlq_records_total{stage,compute_type}}: letters stored. */
final class DeadLetterMetrics {

  private final ComputeTypeCounter decode;
  private final ComputeTypeCounter index;

  DeadLetterMetrics(MeterRegistry registry) {
    this.decode = counter(registry, DeadLetter.DECODE);
    this.index = counter(registry, DeadLetter.INDEX);
  }

  void stored(DeadLetter letter) {
    (DeadLetter.DECODE.equals(letter.stage()) ? decode : index).increment(letter.computeType(), 1);
  }

  private static ComputeTypeCounter counter(MeterRegistry registry, String stage) {
    return new ComputeTypeCounter(registry, "pipelens_collector_dlq_records",
        "Messages and records stored in the dead letter queue", Tags.of("stage", stage));
  }
}
