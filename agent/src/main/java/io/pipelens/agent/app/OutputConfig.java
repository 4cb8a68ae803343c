package io.pipelens.agent.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.Outputs;
import io.pipelens.agent.output.channel.ChannelOutputConfig;
import io.pipelens.agent.output.file.FileOutputConfig;
import io.pipelens.agent.output.file.StdoutOutputConfig;
import io.pipelens.agent.output.kafka.KafkaOutputConfig;
import io.pipelens.agent.output.otlp.OtlpOutputConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.core.config.InvalidValueException;
import io.pipelens.runtime.liveness.Liveness;
import java.util.stream.Stream;

/**
 * One entry of {@code outputs}: exactly one of {@code kafka}, {@code otlp}, {@code file}, {@code
 * stdout} or {@code channel} (in-process, to a collector in the same JVM). Every output gets every record; a file's checkpoint moves only once all of them
 * acknowledged.
 *
 * @param name the output's name in metrics and logs; by default its type, numbered when a type
 *     repeats ({@code kafka-1})
 */
public record OutputConfig(
    String name,
    KafkaOutputConfig kafka,
    OtlpOutputConfig otlp,
    FileOutputConfig file,
    StdoutOutputConfig stdout,
    ChannelOutputConfig channel) {

  public OutputConfig {
    long set = Stream.of(kafka, otlp, file, stdout, channel).filter(c -> c != null).count();
    if (set != 1) {
      throw new InvalidValueException("", "must have exactly one of kafka, otlp, file, stdout, channel");
    }
    if (name != null) {
      Checks.require(name.matches("[A-Za-z0-9_.-]{1,64}"), "name", name,
          "must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
  }

  /** The output's type: kafka, otlp, file, stdout or channel. */
  String type() {
    return kafka != null ? "kafka" : otlp != null ? "otlp" : file != null ? "file"
        : stdout != null ? "stdout" : "channel";
  }

  /** Builds the output; nothing connects until it starts. */
  Output create(String resolvedName, MeterRegistry registry, Liveness liveness) {
    if (kafka != null) {
      return Outputs.create(kafka, registry, resolvedName, liveness);
    } else if (otlp != null) {
      return Outputs.create(otlp, registry, resolvedName, liveness);
    } else if (file != null) {
      return Outputs.create(file, registry, resolvedName, liveness);
    } else if (channel != null) {
      return Outputs.create(channel, registry, resolvedName, liveness);
    }
    return Outputs.create(stdout, registry, resolvedName, liveness);
  }
}
