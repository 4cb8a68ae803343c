package io.pipelens.agent.process;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.process.multiline.Truncation;
import java.util.EnumMap;
import java.util.Map;

/** One input's processing counters, registered once when its first file shows up. */
final class ProcessingMetrics {

  /** {@code pipelens_agent_invalid_utf8_total{input}}. */
  static final String INVALID_UTF8 = "pipelens.agent.invalid.utf8";

  /** {@code pipelens_agent_parse_failures_total{input,parser}}. */
  static final String PARSE_FAILURES = "pipelens.agent.parse.failures";

  /** {@code pipelens_agent_truncated_records_total{input,reason}}. */
  static final String TRUNCATED_RECORDS = "pipelens.agent.truncated.records";

  final Counter invalidUtf8;
  final Counter parseFailures;
  private final Map<Truncation, Counter> truncated = new EnumMap<>(Truncation.class);

  ProcessingMetrics(MeterRegistry registry, String input, String parser) {
    this.invalidUtf8 = Counter.builder(INVALID_UTF8)
        .description("Records whose bytes were not valid UTF-8; the bad bytes became U+FFFD")
        .tag("input", input)
        .register(registry);
    this.parseFailures = Counter.builder(PARSE_FAILURES)
        .description("Records the input's parser could not read; kept with their raw text as body")
        .tag("input", input)
        .tag("parser", parser)
        .register(registry);
    for (Truncation reason : Truncation.values()) {
      truncated.put(reason, Counter.builder(TRUNCATED_RECORDS)
          .description("Records cut at a limit and marked log.truncated")
          .tag("input", input)
          .tag("reason", reason.tag())
          .register(registry));
    }
  }

  void truncated(Truncation reason) {
    truncated.get(reason).increment();
  }
}
