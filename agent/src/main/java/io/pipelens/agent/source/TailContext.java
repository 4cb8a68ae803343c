package io.pipelens.agent.source;

import io.pipelens.core.record.Stream;

/** What every file of one input shares: settings, the consumer, checkpoints and meters. */
final class TailContext {

  final String input;
  final Stream stream;
  final FileInputConfig config;
  final TailerOptions options;
  final LineConsumer consumer;
  final ContainerLineConsumer containerConsumer;
  final Checkpoints checkpoints;
  final TailerMetrics metrics;
  final BufferAllocator allocator;
  final int maxLine;

  // Counted on the reader thread and added to the meters in batches: a Micrometer counter
  // increment per line would cost more than splitting the line.
  long pendingLines;
  long pendingTruncatedLines;

  TailContext(
      String input,
      Stream stream,
      FileInputConfig config,
      TailerOptions options,
      LineConsumer consumer,
      Checkpoints checkpoints,
      TailerMetrics metrics,
      BufferAllocator allocator) {
    this.input = input;
    this.stream = stream;
    this.config = config;
    this.options = options;
    this.consumer = consumer;
    this.containerConsumer =
        consumer instanceof ContainerLineConsumer container ? container : null;
    this.checkpoints = checkpoints;
    this.metrics = metrics;
    this.allocator = allocator;
    this.maxLine = config.maxLineBytes();
  }

  void publishCounts() {
    if (pendingLines > 0) {
      metrics.readLines.increment(pendingLines);
      pendingLines = 0;
    }
    if (pendingTruncatedLines > 0) {
      metrics.truncatedLines.increment(pendingTruncatedLines);
      pendingTruncatedLines = 0;
    }
  }
}
