package io.pipelens.agent.output.channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.OutputStoppedException;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.output.internal.OutputMetrics;
import io.pipelens.runtime.channel.RecordChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches to an in-process {@link RecordChannel}. A batch's stage completes when the
 * channel's receiver (the collector) acknowledged it, that is, once the collector's sinks stored
 * it; {@code send} blocks while {@code max_pending} bytes wait for that. Nothing is encoded: the
 * records cross the channel as they are, and the sent bytes counted are the batch's approximate
 * size. On stop it waits for acknowledgements until the deadline, then fails the rest with {@link
 * OutputStoppedException}, so their checkpoint does not move and they are read again.
 */
public final class ChannelOutput implements Output {

  private static final Logger log = LoggerFactory.getLogger(ChannelOutput.class);

  private final String name;
  private final ChannelOutputConfig config;
  private final OutputMetrics metrics;
  private volatile RecordChannel.Sender sender;

  private ChannelOutput(String name, ChannelOutputConfig config, MeterRegistry registry) {
    this.name = name;
    this.config = config;
    this.metrics = new OutputMetrics(registry, name, () -> {
      RecordChannel.Sender current = sender;
      return current == null ? 0 : current.pendingBytes();
    });
  }

  /** An output named {@code name} for {@code config}; it joins the channel when it starts. */
  public static ChannelOutput create(String name, ChannelOutputConfig config, MeterRegistry registry) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an output needs a name");
    }
    return new ChannelOutput(name, Objects.requireNonNull(config, "config"), Objects.requireNonNull(registry));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() {
    if (sender != null) {
      throw new IllegalStateException(name + " output was already started");
    }
    sender = RecordChannel.named(config.name()).sender(config.maxPending().bytes());
    log.info("{} output: sending to in-process channel {}", name, config.name());
  }

  @Override
  public CompletionStage<Void> send(RecordBatch batch) throws InterruptedException {
    Objects.requireNonNull(batch, "batch");
    RecordChannel.Sender current = sender;
    if (current == null) {
      return CompletableFuture.failedFuture(new OutputStoppedException(name + " output is not started"));
    }
    if (batch.records().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    long started = System.nanoTime();
    return current.send(batch.records(), batch.bytes()).handle((ok, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        throw new OutputStoppedException(
            name + " output stopped before the collector stored the batch; its records are read again after a"
                + " restart", cause);
      }
      metrics.sent(batch.records().size(), batch.bytes());
      metrics.latency(Duration.ofNanos(System.nanoTime() - started));
      return null;
    });
  }

  @Override
  public void stop(Duration deadline) {
    RecordChannel.Sender current = sender;
    if (current == null) {
      return;
    }
    try {
      if (!current.close(deadline)) {
        log.warn("{} output: stopped before the collector stored every batch", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
