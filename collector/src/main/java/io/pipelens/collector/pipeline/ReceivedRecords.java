package io.pipelens.collector.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a source received, by {@code compute_type}, {@code team} and {@code priority} (see {@link
 * RecordLabels} for their bounds): {@code pipelens_collector_received_records_total{source,...}}
 * and, of those, the records at ERROR severity or above, {@code
 * pipelens_collector_error_records_total{source,...}}.
 *
 * <p>Counted on normalized records, so an OTLP record carries its token's team. Labels are looked
 * up once per run of records sharing a resource, not per record. Thread-safe.
 */
public final class ReceivedRecords {

  private final MeterRegistry registry;
  private final String source;
  private final RecordLabels labels;
  private final ConcurrentMap<Key, Counters> counters = new ConcurrentHashMap<>();

  /** The counters of {@code source} ({@code kafka} or {@code otlp}). */
  public ReceivedRecords(MeterRegistry registry, String source) {
    this(registry, source, new RecordLabels());
  }

  ReceivedRecords(MeterRegistry registry, String source, RecordLabels labels) {
    this.registry = registry;
    this.source = source;
    this.labels = labels;
  }

  /** Counts {@code records}, normalized. */
  public void count(List<LogRecord> records) {
    int i = 0;
    while (i < records.size()) {
      Resource resource = records.get(i).resource();
      long received = 0;
      long errors = 0;
      for (; i < records.size() && records.get(i).resource() == resource; i++) {
        received++;
        if (records.get(i).severity().number() >= Severity.ERROR.number()) {
          errors++;
        }
      }
      Counters c = counters(resource);
      c.received.increment(received);
      if (errors > 0) {
        c.errors.increment(errors);
      }
    }
  }

  private Counters counters(Resource resource) {
    RecordLabels.TeamPriority teamPriority = labels.teamPriority(resource);
    Key key = new Key(RecordLabels.COMPUTE_TYPES[RecordLabels.computeTypeIndex(resource)], teamPriority);
    return counters.computeIfAbsent(key, k -> new Counters(
        counter("pipelens_collector_received_records", "Log records received, by source, compute type, team and priority", k),
        counter("pipelens_collector_error_records", "Log records received at ERROR severity or above", k)));
  }

  private Counter counter(String name, String description, Key key) {
    return Counter.builder(name).description(description)
        .tag("source", source)
        .tag(RecordLabels.COMPUTE_TYPE, key.computeType())
        .tag(RecordLabels.TEAM, key.teamPriority().team())
        .tag(RecordLabels.PRIORITY, key.teamPriority().priority())
        .register(registry);
  }

  private record Key(String computeType, RecordLabels.TeamPriority teamPriority) {}

  private record Counters(Counter received, Counter errors) {}
}
