package io.pipelens.agent.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The meters of one file input; names and meanings are in {@link io.pipelens.agent.source}. */
final class TailerMetrics {

  static final String FILES_OPEN = "pipelens.agent.files.open";
  static final String FILES_DISCOVERED = "pipelens.agent.files.discovered";
  static final String READ_BYTES = "pipelens.agent.read.bytes";
  static final String READ_LINES = "pipelens.agent.read.lines";
  static final String BYTES_BEHIND = "pipelens.agent.bytes.behind";
  static final String ROTATIONS = "pipelens.agent.rotations";
  static final String TRUNCATED_LINES = "pipelens.agent.truncated.lines";

  final AtomicInteger filesOpen = new AtomicInteger();
  final AtomicLong bytesBehind = new AtomicLong();
  final Counter filesDiscovered;
  final Counter readBytes;
  final Counter readLines;
  final Counter renames;
  final Counter truncations;
  final Counter truncatedLines;

  TailerMetrics(MeterRegistry registry, String input) {
    Gauge.builder(FILES_OPEN, filesOpen, AtomicInteger::get)
        .description("Files the input holds open")
        .tag("input", input)
        .strongReference(true)
        .register(registry);
    Gauge.builder(BYTES_BEHIND, bytesBehind, AtomicLong::get)
        .description("Bytes written to the input's files but not read yet (size - read offset)")
        .tag("input", input)
        .strongReference(true)
        .register(registry);
    filesDiscovered = counter(registry, FILES_DISCOVERED, input, "Files the input started tracking");
    readBytes = counter(registry, READ_BYTES, input, "Bytes read from the input's files");
    readLines = counter(registry, READ_LINES, input, "Lines (messages) handed to processing");
    truncatedLines =
        counter(registry, TRUNCATED_LINES, input, "Lines cut to max_line_size");
    renames = rotations(registry, input, "rename");
    truncations = rotations(registry, input, "truncate");
  }

  private static Counter counter(MeterRegistry registry, String name, String input, String help) {
    return Counter.builder(name).description(help).tag("input", input).register(registry);
  }

  private static Counter rotations(MeterRegistry registry, String input, String kind) {
    return Counter.builder(ROTATIONS)
        .description("Rotations seen: a new file at a rotated file's path, or a truncated file")
        .tag("input", input)
        .tag("kind", kind)
        .register(registry);
  }
}
