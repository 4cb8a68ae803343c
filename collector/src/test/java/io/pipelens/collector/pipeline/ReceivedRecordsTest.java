package io.pipelens.collector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.collector.normalize.RecordNormalizer;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedRecordsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsByComputeTypeTeamAndPriorityWithErrorsApart() {
    Resource fixedHigh = resource("fixed", "search", "high");
    Resource serverlessLow = resource("serverless", "vision", "low");
    List<LogRecord> records = List.of(
        record(fixedHigh, Severity.INFO), record(fixedHigh, Severity.ERROR), record(fixedHigh, Severity.FATAL),
        record(serverlessLow, Severity.WARN),
        record(fixedHigh, Severity.INFO));

    new ReceivedRecords(registry, "kafka").count(records);

    assertThat(received("kafka", "fixed", "search", "high")).isEqualTo(4);
    assertThat(errors("kafka", "fixed", "search", "high")).isEqualTo(2);
    assertThat(received("kafka", "serverless", "vision", "low")).isEqualTo(1);
    assertThat(errors("kafka", "serverless", "vision", "low")).isZero();
  }

  @Test
  void anOtlpRecordCarriesItsTokensTeamAndNoneForAMissingPriority() {
    List<LogRecord> normalized = RecordNormalizer.forOtlp("team-s")
        .normalize(List.of(record(Resource.of(Attributes.empty()), Severity.INFO)));

    new ReceivedRecords(registry, "otlp").count(normalized);

    assertThat(received("otlp", "serverless", "team-s", "none")).isEqualTo(1);
  }

  @Test
  void anUnknownComputeTypeIsOther() {
    new ReceivedRecords(registry, "otlp").count(List.of(record(resource("gpu-farm", "t", "p"), Severity.INFO)));

    assertThat(received("otlp", "other", "t", "p")).isEqualTo(1);
    assertThat(registry.find("pipelens_collector_received_records").tag("compute_type", "gpu-farm").counters())
        .isEmpty();
  }

  @Test
  void teamAndPriorityPairsOverTheBudgetBecomeOther() {
    ReceivedRecords received = new ReceivedRecords(registry, "kafka", new RecordLabels(3));
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(resource("fixed", "team-" + i, "high"), Severity.INFO));
    }

    received.count(records);
    received.count(records.subList(0, 1));

    assertThat(received("kafka", "fixed", "team-0", "high")).isEqualTo(2);
    assertThat(received("kafka", "fixed", "team-2", "high")).isEqualTo(1);
    assertThat(received("kafka", "fixed", "other", "other")).isEqualTo(7);
    assertThat(registry.find("pipelens_collector_received_records").counters()).hasSize(4);
  }

  @Test
  void computeTypeCounterTalliesByResourceAndAddsLater() {
    ComputeTypeCounter sent = new ComputeTypeCounter(registry, "pipelens_collector_sent_records", "x",
        Tags.of("output", "lucene"));
    Resource fixed = resource("fixed", "a", "b");
    Resource serverless = resource("serverless", "a", "b");
    long[] tally = ComputeTypeCounter.tally(List.of(record(fixed, Severity.INFO), record(fixed, Severity.INFO),
        record(serverless, Severity.INFO), record(fixed, Severity.INFO)));

    assertThat(registry.find("pipelens_collector_sent_records").counters()).isEmpty();
    sent.add(tally);
    sent.increment("serverless", 2);

    assertThat(registry.get("pipelens_collector_sent_records").tags("output", "lucene", "compute_type", "fixed")
        .counter().count()).isEqualTo(3);
    assertThat(registry.get("pipelens_collector_sent_records").tags("output", "lucene", "compute_type", "serverless")
        .counter().count()).isEqualTo(3);
    assertThat(registry.find("pipelens_collector_sent_records").tag("compute_type", "other").counters()).isEmpty();
  }

  private double received(String source, String computeType, String team, String priority) {
    return count("pipelens_collector_received_records", source, computeType, team, priority);
  }

  private double errors(String source, String computeType, String team, String priority) {
    return count("pipelens_collector_error_records", source, computeType, team, priority);
  }

  private double count(String name, String source, String computeType, String team, String priority) {
    Counter counter = registry.find(name)
        .tags("source", source, "compute_type", computeType, "team", team, "priority", priority).counter();
    return counter == null ? 0 : counter.count();
  }

  static Resource resource(String computeType, String team, String priority) {
    return Resource.of(Attributes.builder()
        .put(AttributeNames.PIPELENS_COMPUTE_TYPE, computeType)
        .put(AttributeNames.PIPELENS_TEAM, team)
        .put(AttributeNames.PIPELENS_PRIORITY, priority)
        .build());
  }

  private static LogRecord record(Resource resource, Severity severity) {
    return LogRecord.builder().resource(resource).severity(severity).body("a line").build();
  }
}
