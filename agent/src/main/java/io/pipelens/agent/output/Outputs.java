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

/**
 * Builds outputs from their configuration. Each output is named: the name tags its metrics ({@code
 * output="<name>"}) and names its threads ({@code pipelens-agent-output-<name>}), so two outputs of
 * one agent need different names. Nothing connects or opens files until {@link Output#start()}.
 */
public final class Outputs {

  private Outputs() {}

  /** A Kafka output; see {@link KafkaOutput}. */
  public static Output create(KafkaOutputConfig config, MeterRegistry registry, String name) {
    return KafkaOutput.create(name, config, registry);
  }

  /** An OTLP/HTTP output; see {@link OtlpOutput}. */
  public static Output create(OtlpOutputConfig config, MeterRegistry registry, String name) {
    return OtlpOutput.create(name, config, registry);
  }

  /** An NDJSON file output; see {@link NdjsonOutput}. */
  public static Output create(FileOutputConfig config, MeterRegistry registry, String name) {
    return NdjsonOutput.file(name, config, registry);
  }

  /** An in-process channel output; see {@link ChannelOutput}. */
  public static Output create(ChannelOutputConfig config, MeterRegistry registry, String name) {
    return ChannelOutput.create(name, config, registry);
  }

  /** An NDJSON standard output output; see {@link NdjsonOutput}. */
  public static Output create(StdoutOutputConfig config, MeterRegistry registry, String name) {
    return NdjsonOutput.stdout(name, config, registry);
  }
}
