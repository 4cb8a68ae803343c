package io.pipelens.agent.output;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.output.channel.ChannelOutput;
import io.pipelens.agent.output.channel.ChannelOutputConfig;
import io.pipelens.agent.output.file.FileOutputConfig;
import io.pipelens.agent.output.file.NdjsonOutput;
import io.pipelens.agent.output.file.StdoutOutputConfig;
import io.pipelens.agent.output.kafka.KafkaOutput;
import io.pipelens.agent.output.kafka.KafkaOutputConfig;
import io.pipelens.agent.output.otlp.OtlpOutput;
import io.pipelens.agent.output.otlp.OtlpOutputConfig;
import io.pipelens.runtime.liveness.Liveness;

/**
 * Builds outputs from their configuration. Each output is named: the name tags its metrics ({@code
 * output="<name>"}) and names its threads ({@code pipelens-agent-output-<name>}), so two outputs of
 * one agent need different names. Nothing connects or opens files until {@link Output#start()}.
 *
 * <p>An output's worker thread reports to the given {@link Liveness} as {@code
 * agent.output.<type>.<name>} when it stops for good; the channel output has no worker of its own.
 */
public final class Outputs {

  private Outputs() {}

  /** A Kafka output; see {@link KafkaOutput}. */
  public static Output create(KafkaOutputConfig config, MeterRegistry registry, String name,
      Liveness liveness) {
    return KafkaOutput.create(name, config, registry, liveness);
  }

  /** An OTLP/HTTP output; see {@link OtlpOutput}. */
  public static Output create(OtlpOutputConfig config, MeterRegistry registry, String name,
      Liveness liveness) {
    return OtlpOutput.create(name, config, registry, liveness);
  }

  /** An NDJSON file output; see {@link NdjsonOutput}. */
  public static Output create(FileOutputConfig config, MeterRegistry registry, String name,
      Liveness liveness) {
    return NdjsonOutput.file(name, config, registry, liveness);
  }

  /** An in-process channel output; see {@link ChannelOutput}. */
  public static Output create(ChannelOutputConfig config, MeterRegistry registry, String name,
      Liveness liveness) {
    return ChannelOutput.create(name, config, registry);
  }

  /** An NDJSON standard output output; see {@link NdjsonOutput}. */
  public static Output create(StdoutOutputConfig config, MeterRegistry registry, String name,
      Liveness liveness) {
    return NdjsonOutput.stdout(name, config, registry, liveness);
  }
}
