package io.pipelens.history.app;

import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ListingRefresher#refresh()} on one daemon thread, {@code pipelens-history-scan},
 * first at start and then {@code interval} after each scan ends (fixed delay, so a slow scan never
 * overlaps the next).
 */
final class ListingScheduler implements Service {

  static final String THREAD_NAME = "pipelens-history-scan";

  private static final Logger LOG = LoggerFactory.getLogger(ListingScheduler.class);

  private final ListingRefresher refresher;
  private final HistoryMetrics metrics;
  private final Duration interval;
  private final java.util.function.Consumer<ScanReport> afterScan;
  private final Object lock = new Object();

  private ScheduledExecutorService executor; // guarded by lock
  private boolean stopped; // guarded by lock
  private ScanReport lastLogged; // scan thread only

  /**
   * The periodic scan in {@link Liveness}. A failed scan is logged and the next one runs; only an
   * {@link Error} ends the scans, which would otherwise stop without a trace.
   */
  static final String WORKER = "history-server.listing";

  private final Liveness liveness;

  ListingScheduler(ListingRefresher refresher, HistoryMetrics metrics, Duration interval, Liveness liveness) {
    this(refresher, metrics, interval, report -> {}, liveness);
  }

  /** With {@code afterScan} run on the scan thread after each scan (keeping the listing). */
  ListingScheduler(
      ListingRefresher refresher,
      HistoryMetrics metrics,
      Duration interval,
      java.util.function.Consumer<ScanReport> afterScan,
      Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.afterScan = Objects.requireNonNull(afterScan, "afterScan");
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  @Override
  public String name() {
    return "history-listing";
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (executor != null || stopped) {
        throw new IllegalStateException(
            "listing scheduler was already " + (stopped ? "stopped" : "started"));
      }
      ScheduledThreadPoolExecutor pool =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
              });
      pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      pool.scheduleWithFixedDelay(liveness.watchTask(WORKER, this::scan), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
      executor = pool;
    }
  }

  @Override
  public void stop(Duration deadline) {
    ScheduledExecutorService pool;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      pool = executor;
      executor = null;
    }
    if (pool == null) {
      return;
    }
    // Interrupting is safe: a scan only reads, and an interrupted read is retried next start.
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(Math.max(0, deadline.toMillis()), TimeUnit.MILLISECONDS)) {
        LOG.warn("Event log scan still running after {}; leaving it to finish", deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void scan() {
    try {
      ScanReport report = refresher.refresh();
      metrics.record(report);
      log(report);
      afterScan.accept(report);
    } catch (RuntimeException e) {
      // The refresher handles bad stores and logs itself; anything reaching here is a bug, and
      // letting it escape would silently cancel every later scan.
      LOG.error("Event log scan failed", e);
    }
  }

  private void log(ScanReport report) {
    boolean changed =
        lastLogged == null
            || report.logsRead() > 0
            || report.applications() != lastLogged.applications()
            || !report.skipped().equals(lastLogged.skipped())
            || !report.failedStores().equals(lastLogged.failedStores());
    if (changed) {
      LOG.info(
          "Listed {} applications from {} event logs ({} read, {} bytes) in {} ms;"
              + " skipped {}; parse errors {}",
          report.applications(),
          report.logs(),
          report.logsRead(),
          report.bytesRead(),
          report.duration().toMillis(),
          report.skipped(),
          report.parseErrors());
    } else {
      LOG.debug("Event logs unchanged; {} applications", report.applications());
    }
    lastLogged = report;
  }
}
