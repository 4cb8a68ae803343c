package io.pipelens.collector.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One counter split by {@code compute_type} ({@code fixed}, {@code serverless}, {@code other}),
 * for meters that count records. Each of the three counters is registered on first use and then
 * cached, so counting costs an attribute read and an increment.
 *
 * <p>Thread-safe.
 */
public final class ComputeTypeCounter {

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final Tags tags;
  private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(RecordLabels.COMPUTE_TYPES.length);

  /** A counter {@code name} with {@code tags} besides {@code compute_type}. */
  public ComputeTypeCounter(MeterRegistry registry, String name, String description, Tags tags) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.tags = tags;
  }

  /** Counts one record. */
  public void increment(LogRecord record) {
    counter(RecordLabels.computeTypeIndex(record.resource())).increment();
  }

  /** Counts {@code n} records of {@code computeType} ({@code fixed} or {@code serverless}). */
  public void increment(String computeType, double n) {
    for (int i = 0; i < RecordLabels.COMPUTE_TYPES.length; i++) {
      if (RecordLabels.COMPUTE_TYPES[i].equals(computeType)) {
        counter(i).increment(n);
        return;
      }
    }
    counter(RecordLabels.COMPUTE_TYPES.length - 1).increment(n);
  }

  /**
   * How many of {@code records} are of each compute type, to {@link #add} later (when they are
   * acknowledged). Records of one resource are read once: sources keep them sharing one instance.
   */
  public static long[] tally(List<LogRecord> records) {
    long[] tally = new long[RecordLabels.COMPUTE_TYPES.length];
    Resource last = null;
    int index = 0;
    for (LogRecord record : records) {
      if (record.resource() != last) {
        last = record.resource();
        index = RecordLabels.computeTypeIndex(last);
      }
      tally[index]++;
    }
    return tally;
  }

  /** Adds a {@link #tally}. */
  public void add(long[] tally) {
    for (int i = 0; i < tally.length; i++) {
      if (tally[i] > 0) {
        counter(i).increment(tally[i]);
      }
    }
  }

  private Counter counter(int index) {
    Counter counter = counters.get(index);
    if (counter == null) {
      // The registry returns the same counter for the same id, so a race registers it once.
      counter = Counter.builder(name).description(description).tags(tags)
          .tag(RecordLabels.COMPUTE_TYPE, RecordLabels.COMPUTE_TYPES[index]).register(registry);
      counters.set(index, counter);
    }
    return counter;
  }
}
