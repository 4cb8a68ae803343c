package io.pipelens.agent.pipeline;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import java.time.Duration;

/**
 * The {@code pipeline} section: how records are batched on their way to the outputs, and how much
 * memory they may hold.
 *
 * @param memoryBudget the bytes of records read but not yet acknowledged by every output; when it
 *     is spent, reading pauses (default {@value #DEFAULT_MEMORY_BUDGET})
 * @param batchMaxRecords a batch is sent when it holds this many records (default {@value
 *     #DEFAULT_BATCH_MAX_RECORDS})
 * @param batchMaxSize ... or this many bytes (default {@value #DEFAULT_BATCH_MAX_SIZE})
 * @param flushInterval ... or when its oldest record waited this long (default {@value
 *     #DEFAULT_FLUSH_INTERVAL})
 */
public record PipelineConfig(
    DataSize memoryBudget, Integer batchMaxRecords, DataSize batchMaxSize, Duration flushInterval) {

  public static final String DEFAULT_MEMORY_BUDGET = "64MiB";
  public static final int DEFAULT_BATCH_MAX_RECORDS = 4096;
  public static final String DEFAULT_BATCH_MAX_SIZE = "1MiB";
  public static final String DEFAULT_FLUSH_INTERVAL = "200ms";

  public PipelineConfig {
    memoryBudget = memoryBudget == null ? DataSize.parse(DEFAULT_MEMORY_BUDGET) : memoryBudget;
    batchMaxRecords = batchMaxRecords == null ? DEFAULT_BATCH_MAX_RECORDS : batchMaxRecords;
    batchMaxSize = batchMaxSize == null ? DataSize.parse(DEFAULT_BATCH_MAX_SIZE) : batchMaxSize;
    flushInterval = flushInterval == null ? Duration.ofMillis(200) : flushInterval;
    Checks.require(memoryBudget.bytes() >= 1024 * 1024, "memory_budget", memoryBudget, "must be at least 1MiB");
    Checks.inRange("batch_max_records", batchMaxRecords, 1, 1_000_000);
    Checks.require(batchMaxSize.bytes() > 0, "batch_max_size", batchMaxSize, "must be positive");
    Checks.require(batchMaxSize.bytes() <= memoryBudget.bytes(), "batch_max_size", batchMaxSize,
        "must not be larger than memory_budget (" + memoryBudget + ")");
    Checks.positive("flush_interval", flushInterval);
  }

  /** All defaults. */
  public static PipelineConfig defaults() {
    return new PipelineConfig(null, null, null, null);
  }
}
