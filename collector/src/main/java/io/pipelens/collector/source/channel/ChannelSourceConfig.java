package io.pipelens.collector.source.channel;

import io.pipelens.core.config.Checks;
import io.pipelens.runtime.channel.RecordChannel;

/**
 * The {@code channel} section: read the in-process channel {@code name} that agents in the same
 * process send to with their {@code channel} output (the demo runs them together, with no Kafka).
 *
 * @param name the channel; required, 1 to 64 letters, digits, '.', '_' or '-'
 */
public record ChannelSourceConfig(String name) {

  public ChannelSourceConfig {
    Checks.required("name", name);
    Checks.require(RecordChannel.isValidName(name), "name", name,
        "must be 1 to 64 letters, digits, '.', '_' or '-'");
  }
}
