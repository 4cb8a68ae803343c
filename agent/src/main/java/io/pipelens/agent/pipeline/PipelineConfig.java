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
 * @param whenFull what a reader does when the memory budget is spent: {@code block} (default)
 *     waits for the outputs, losing nothing; {@code drop_newest} waits at most {@code
 *     block_timeout}, then drops the records it reads while the budget stays spent. Dropped records
 *     are counted ({@code pipelens_agent_pipeline_dropped_records_total}) and their offsets still
 *     move the checkpoint, in order behind the records before them, so they are never read again:
 *     dropping is data loss that the configuration chose, for nodes where a stalled reader is worse
 *     than a gap in the logs
 * @param blockTimeout with {@code drop_newest}, how long the budget must stay spent before
 *     records are dropped (default {@value #DEFAULT_BLOCK_TIMEOUT}); ignored with {@code block}
 */
public record PipelineConfig(
    DataSize memoryBudget, Integer batchMaxRecords, DataSize batchMaxSize, Duration flushInterval,
    WhenFull whenFull, Duration blockTimeout) {

  /** {@code pipeline.when_full}. */
  public enum WhenFull {
    /** Readers wait until the outputs acknowledge: nothing is lost, the files are the buffer. */
    BLOCK,
    /** Readers wait at most {@code block_timeout}, then drop what they read; counted, never re-read. */
    DROP_NEWEST
  }

  public static final String DEFAULT_BLOCK_TIMEOUT = "1s";

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
    whenFull = whenFull == null ? WhenFull.BLOCK : whenFull;
    blockTimeout = blockTimeout == null ? Duration.ofSeconds(1) : blockTimeout;
    Checks.require(!blockTimeout.isNegative(), "block_timeout", blockTimeout, "must not be negative");
  }


  /** All defaults. */
  public static PipelineConfig defaults() {
    return new PipelineConfig(null, null, null, null, null, null);
  }
}
