package io.pipelens.collector.source.channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.normalize.RecordNormalizer;
import io.pipelens.collector.pipeline.ReceivedRecords;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.core.record.LogRecord;
import io.pipelens.runtime.channel.Delivery;
import io.pipelens.runtime.channel.RecordChannel;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads batches from an in-process {@link RecordChannel} and hands them to the sink, normalized as
 * Kafka batches are (agents on fixed nodes). A batch is acknowledged on the channel, which
 * completes the agent's send and lets its checkpoint move, only when the sink stored it; a batch
 * the sink could not store (it stopped) is given back, to be delivered again. While the sink has
 * no capacity nothing is taken from the channel, so the agents' sends block: backpressure reaches
 * the files.
 *
 * <p>One thread, {@code pipelens-collector-channel}, polls. On stop it stops polling, waits until
 * the deadline for what the sink holds, then detaches from the channel; batches not yet taken stay
 * in the channel.
 */
public final class ChannelSource implements Service {

  private static final Logger log = LoggerFactory.getLogger(ChannelSource.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final long FULL_PAUSE_MILLIS = 20;

  private final ChannelSourceConfig config;
  private final RecordSink sink;
  private final ReceivedRecords received;
  private final RecordNormalizer normalizer = RecordNormalizer.forKafka();
  private final AtomicInteger inFlight = new AtomicInteger();

  private volatile boolean running;
  private RecordChannel.Receiver receiver;
  private Thread thread;
  private final Liveness liveness;

  /** The reading loop in {@link Liveness}. */
  public static final String WORKER = "collector.source.channel";

  /** A source for {@code config}, not yet started; its reading loop reports to {@code liveness}. */
  public ChannelSource(ChannelSourceConfig config, RecordSink sink, MeterRegistry registry, Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.sink = sink;
    this.received = new ReceivedRecords(registry, "channel");
  }

  @Override
  public String name() {
    return "channel-source";
  }

  @Override
  public void start() {
    receiver = RecordChannel.named(config.name()).receiver();
    running = true;
    thread = new Thread(liveness.watch(WORKER, this::run), "pipelens-collector-channel");
    thread.setDaemon(true);
    thread.start();
    log.info("reading in-process channel {}", config.name());
  }

  private void run() {
    try {
      while (running) {
        if (!sink.hasCapacity()) {
          TimeUnit.MILLISECONDS.sleep(FULL_PAUSE_MILLIS);
          continue;
        }
        Delivery delivery = receiver.poll(Duration.ZERO);
        if (delivery == null) {
          // Nothing more queued: what the sink holds need not wait for more.
          sink.flush();
          delivery = receiver.poll(POLL_TIMEOUT);
        }
        if (delivery != null) {
          hand(delivery);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Anything else ends reading for good: Liveness logs it and fails /healthz, so the collector
    // is restarted; the records it held were not acknowledged and wait in the agents.
  }

  private void hand(Delivery delivery) {
    List<LogRecord> records = normalizer.normalize(delivery.records());
    received.count(records);
    inFlight.incrementAndGet();
    try {
      sink.write(records).whenComplete((ok, error) -> {
        if (error == null) {
          delivery.acknowledge();
        } else {
          // Only a stopping sink fails a write; the agent's records wait in the channel for the next reader.
          delivery.giveBack();
        }
        inFlight.decrementAndGet();
      });
    } catch (RuntimeException e) {
      delivery.giveBack();
      inFlight.decrementAndGet();
      throw e;
    }
  }

  @Override
  public void stop(Duration deadline) {
    long end = System.nanoTime() + Math.max(0, deadline.toNanos());
    running = false;
    if (thread != null) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        while (inFlight.get() > 0 && end - System.nanoTime() > 0) {
          TimeUnit.MILLISECONDS.sleep(10);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (inFlight.get() > 0) {
      log.warn("channel source: stopped with {} batches not yet stored; their agents resend them", inFlight.get());
    }
    if (receiver != null) {
      receiver.close();
    }
  }
}
