package io.pipelens.agent.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.core.record.Stream;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file input at work: finds the files its globs match and hands their lines, in file order,
 * to a {@link LineConsumer}, resuming each file at its {@link Checkpoints checkpoint}.
 *
 * <p>Two threads per input: {@code pipelens-agent-discovery-N} rescans the globs every {@code
 * rescan_interval} and at once when a watched directory gets a new entry; {@code
 * pipelens-agent-tail-N} owns every open file and reads them round-robin (see {@link ReaderLoop}
 * for rotation, truncation and deletion). The consumer is only ever called on the tail thread.
 * They report to {@link Liveness} as {@code agent.input.<input>.discovery} and {@code
 * agent.input.<input>.reader} when an unexpected error ends them (discovery retries a failed scan
 * itself; an {@link Error} ends it).
 *
 * <p>An unfinished last line (no newline yet) is held until its newline arrives; it is delivered
 * without one only when its file is closed for good (rotated away or deleted, and read to its
 * end). On {@link #stop} it is not delivered: the checkpoint stays before it, so it is read again,
 * whole, after a restart.
 */
public final class FileTailer implements Service {

  private static final Logger LOG = LoggerFactory.getLogger(FileTailer.class);
  private static final AtomicInteger IDS = new AtomicInteger();
  // The least time between two scans, so a burst of new files costs a few scans, not hundreds.
  // The wait comes after a scan, never between an event and its scan: a file that is created and
  // rotated away within milliseconds must still be found while it is at its path.
  private static final long MIN_SCAN_GAP_MILLIS = 20;

  private final TailContext context;
  private final FileDiscovery discovery;
  private final ReaderLoop reader;
  private final Liveness liveness;
  private final Object lock = new Object();

  private volatile boolean running;
  private boolean started; // guarded by lock
  private boolean stopped; // guarded by lock
  private Thread readerThread; // guarded by lock
  private Thread discoveryThread; // guarded by lock
  private DirectoryWatcher watcher; // guarded by lock

  /**
   * A file input.
   *
   * @param input the input's name, as {@link SourceFile#input()} and the meters' {@code input} tag
   * @param stream which stream its records belong to
   * @param checkpoints where files resume; the tailer reads offsets, re-keys a file's checkpoint
   *     once its fingerprint is known, and forgets files that are gone
   * @param consumer where lines go; if it is a {@link ContainerLineConsumer}, container messages
   *     go to its {@code containerLine}
   */
  public FileTailer(String input, Stream stream, FileInputConfig config, Checkpoints checkpoints,
      LineConsumer consumer, MeterRegistry registry) {
    this(input, stream, config, checkpoints, consumer, registry, TailerOptions.of(config));
  }

  /** A file input whose threads report to {@code liveness} when an unexpected error ends them. */
  public FileTailer(String input, Stream stream, FileInputConfig config, Checkpoints checkpoints,
      LineConsumer consumer, MeterRegistry registry, Liveness liveness) {
    this(input, stream, config, checkpoints, consumer, registry, TailerOptions.of(config), liveness);
  }

  /** As above, leaving the files an input before it in {@code precedence} selects to that input. */
  public FileTailer(String input, Stream stream, FileInputConfig config, Checkpoints checkpoints,
      LineConsumer consumer, MeterRegistry registry, Liveness liveness, InputPrecedence precedence) {
    this(input, stream, config, checkpoints, consumer, registry,
        TailerOptions.of(config)
            .withPathFilter(path -> precedence.reads(input, path))
            .withClaims(precedence.claims()),
        liveness);
  }

  /** A Kubernetes container log input: {@code config}'s files, minus filtered namespaces. */
  public static FileTailer forContainers(String input, Stream stream, ContainerInputConfig config,
      Checkpoints checkpoints, LineConsumer consumer, MeterRegistry registry, Liveness liveness) {
    return forContainers(input, stream, config, checkpoints, consumer, registry, liveness,
        new InputPrecedence());
  }

  /** As above, leaving the files an input before it in {@code precedence} selects to that input. */
  public static FileTailer forContainers(String input, Stream stream, ContainerInputConfig config,
      Checkpoints checkpoints, LineConsumer consumer, MeterRegistry registry, Liveness liveness,
      InputPrecedence precedence) {
    Predicate<Path> namespaces = config::accepts;
    return new FileTailer(input, stream, config.fileInput(), checkpoints, consumer, registry,
        TailerOptions.of(config.fileInput())
            .withPathFilter(namespaces.and(path -> precedence.reads(input, path)))
            .withClaims(precedence.claims()),
        liveness);
  }

  FileTailer(String input, Stream stream, FileInputConfig config, Checkpoints checkpoints,
      LineConsumer consumer, MeterRegistry registry, TailerOptions options) {
    this(input, stream, config, checkpoints, consumer, registry, options, new Liveness());
  }

  FileTailer(String input, Stream stream, FileInputConfig config, Checkpoints checkpoints,
      LineConsumer consumer, MeterRegistry registry, TailerOptions options, Liveness liveness) {
    Objects.requireNonNull(input, "input");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.context =
        new TailContext(
            input,
            Objects.requireNonNull(stream, "stream"),
            Objects.requireNonNull(config, "config"),
            options,
            Objects.requireNonNull(consumer, "consumer"),
            Objects.requireNonNull(checkpoints, "checkpoints"),
            new TailerMetrics(Objects.requireNonNull(registry, "registry"), input),
            new BufferAllocator());
    this.discovery = new FileDiscovery(config.paths(), config.exclude(), options.pathFilter());
    this.reader = new ReaderLoop(context);
  }

  /** How long the reader waits once every file is read to its end (the input's poll_interval). */
  Duration pollInterval() {
    return context.options.pollInterval();
  }

  @Override
  public String name() {
    return "file-input-" + context.input;
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (started || stopped) {
        throw new IllegalStateException(name() + " was already " + (stopped ? "stopped" : "started"));
      }
      started = true;
      try {
        watcher = new DirectoryWatcher();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot watch directories for " + name(), e);
      }
      running = true;
      int id = IDS.incrementAndGet();
      readerThread = new Thread(liveness.watch(workerName("reader"), reader), "pipelens-agent-tail-" + id);
      discoveryThread = new Thread(liveness.watch(workerName("discovery"), this::discover),
          "pipelens-agent-discovery-" + id);
      readerThread.setDaemon(true);
      discoveryThread.setDaemon(true);
      readerThread.start();
      discoveryThread.start();
    }
  }

  /**
   * Stops discovery and reading. Waits up to {@code deadline} for the reader to finish the line
   * it is handing over; a reader still blocked in the consumer after that is interrupted.
   */
  @Override
  public void stop(Duration deadline) {
    Thread readerToJoin;
    Thread discoveryToJoin;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      running = false;
      readerToJoin = readerThread;
      discoveryToJoin = discoveryThread;
      if (watcher != null) {
        try {
          watcher.close();
        } catch (IOException e) {
          LOG.debug("Closing the directory watcher of {} failed", name(), e);
        }
      }
    }
    if (readerToJoin == null) {
      return;
    }
    reader.stop();
    try {
      discoveryToJoin.interrupt(); // it only ever sleeps or walks directories
      long millis = Math.max(1, deadline.toMillis());
      if (!reader.awaitExit(millis, TimeUnit.MILLISECONDS)) {
        LOG.warn("{}: reader still busy after {}; interrupting it", name(), deadline);
        readerToJoin.interrupt();
        reader.awaitExit(1, TimeUnit.SECONDS);
      }
      discoveryToJoin.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This input's {@code role} thread in {@link Liveness}: {@code agent.input.<input>.<role>}. */
  String workerName(String role) {
    return "agent.input." + context.input + "." + role;
  }

  /** The largest byte array the reading path allocated; for tests of the memory bound. */
  int largestBufferAllocated() {
    return context.allocator.largest();
  }

  private void discover() {
    long intervalNanos = context.config.rescanInterval().toNanos();
    while (running) {
      long started = System.nanoTime();
      try {
        FileDiscovery.Scan scan = discovery.scan();
        watcher.watch(scan.directories());
        reader.offer(scan.files());
        Thread.sleep(MIN_SCAN_GAP_MILLIS);
        watcher.await(started + intervalNanos - System.nanoTime());
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("{}: file discovery failed; retrying in {}", name(),
            context.config.rescanInterval(), e);
        try {
          Thread.sleep(context.config.rescanInterval().toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }
}
