package io.pipelens.agent.output.channel;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import io.pipelens.runtime.channel.RecordChannel;

/**
 * The {@code channel} output: records go to the in-process channel {@code name}, which a collector
 * in the same process reads with its {@code channel} input (the demo runs them together, with no
 * Kafka). Useful only when agent and collector share a JVM.
 *
 * @param name the channel; required, 1 to 64 letters, digits, '.', '_' or '-'
 * @param maxPending records (by their approximate size) sent and not yet stored by the collector;
 *     {@code send} blocks beyond it; 16MiB by default
 */
public record ChannelOutputConfig(String name, DataSize maxPending) {

  /** Default of {@code max_pending}. */
  public static final DataSize DEFAULT_MAX_PENDING = new DataSize(16L << 20);

  public ChannelOutputConfig {
    Checks.required("name", name);
    Checks.require(RecordChannel.isValidName(name), "name", name,
        "must be 1 to 64 letters, digits, '.', '_' or '-'");
    maxPending = maxPending != null ? maxPending : DEFAULT_MAX_PENDING;
    Checks.require(maxPending.bytes() > 0, "max_pending", maxPending, "must be positive");
  }
}
