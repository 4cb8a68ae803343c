package io.pipelens.history.app;

import io.pipelens.history.access.AccessControl;
import io.pipelens.history.api.SparkApiHandler;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingOptions;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.Liveness;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.snapshot.SnapshotStore;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogStore;
import io.pipelens.history.source.EventLogStores;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.ui.AppLookup;
import io.pipelens.history.ui.UiHandler;
import io.pipelens.runtime.component.ComponentOps;
import io.pipelens.runtime.lifecycle.CompositeService;
import io.pipelens.runtime.lifecycle.Service;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The running history server: scans the configured event log directories every {@code
 * scan_interval} on the {@code pipelens-history-scan} thread, and serves Spark's REST API at
 * {@value #API_PATH} and the web UI at {@value #UI_PATH} on the component's HTTP port next to
 * {@code /metrics}, {@code /healthz} and {@code /readyz}.
 *
 * <p>{@code /readyz} fails with check {@code listing} until the first scan has finished, so a
 * client never mistakes an empty first answer for an empty history. {@link #start()} fails at once
 * when a configured directory does not exist, as Spark's history server does.
 *
 * <p>Meters are documented in {@link HistoryMetrics}.
 */
public final class HistoryServerService implements Service {

  /** Where the Spark REST API is mounted. */
  public static final String API_PATH = "/api/v1";

  /** Where the web UI is mounted; {@code /} redirects there. */
  public static final String UI_PATH = "/ui";

  /** The component name in logs, metrics tags and the launcher. */
  public static final String COMPONENT = "history-server";

  private final List<EventLogStore> stores;
  private final ListingRefresher refresher;
  private final ComponentOps ops;
  private final LogStoreService logStore;
  private final Service composite;

  /**
   * Builds the service; nothing runs and nothing is touched until {@link #start()}, except {@code
   * auth.basic.users_file}, which is read here.
   *
   * @throws java.io.UncheckedIOException when the users file cannot be read
   */
  public HistoryServerService(HistoryServerConfig config) {
    Objects.requireNonNull(config, "config");
    List<EventLogStore> opened = new ArrayList<>();
    for (URI directory : config.logDirectories()) {
      opened.add(EventLogStores.open(directory, config.s3(), config.oss()));
    }
    this.stores = List.copyOf(opened);
    EventLogDecoder decoder = new EventLogDecoder(config.maxDecompressedBytes().bytes());
    this.refresher =
        new ListingRefresher(stores, new AttemptReader(ListingOptions.DEFAULTS, decoder));
    // The handler is built after the metrics it reports to, which need the ops registry; the
    // holder closes that loop without exposing a half-built handler.
    AppStoreCache[] replays = new AppStoreCache[1];
    SparkApiHandler[] api = new SparkApiHandler[1];
    UiHandler[] ui = new UiHandler[1];
    this.logStore = new LogStoreService(config.logs());
    this.ops =
        ComponentOps.create(
            COMPONENT,
            config.http(),
            HistoryServerConfig.DEFAULT_PORT,
            routes ->
                routes
                    .routeTree(API_PATH, exchange -> api[0].handle(exchange))
                    .routeTree(UI_PATH, exchange -> ui[0].handle(exchange))
                    .route("/", exchange -> ui[0].handle(exchange)));
    ops.readiness()
        .register("listing", refresher::refreshed, "first scan of the event logs not finished");
    HistoryMetrics metrics = new HistoryMetrics(ops.registry(), refresher);
    metrics.registerDecoder(decoder);
    AccessControl access;
    try {
      access = AccessControl.create(config.auth(), config.acls(), metrics.accessDenied());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    SnapshotStore snapshots = null;
    if (config.cache().dir() != null) {
      SnapshotStore[] store = new SnapshotStore[1];
      store[0] =
          new SnapshotStore(
              config.cache().dir(),
              config.cache().maxDisk().bytes(),
              metrics.snapshotObserver(() -> store[0].diskBytes()),
              ops.liveness());
      snapshots = store[0];
    }
    replays[0] =
        new AppStoreCache(
            refresher,
            new EventLogReplayer((int) config.maxLineSize().bytes(), decoder, ops.liveness()),
            Integer.MAX_VALUE,
            config.cache().maxMemory().bytes(),
            metrics.replayObserver(() -> replays[0].size(), () -> replays[0].loadedBytes()),
            snapshots);
    api[0] =
        new SparkApiHandler(
            refresher,
            replays[0],
            API_PATH,
            Clock.systemUTC(),
            new Liveness(config.abandonedAfter()),
            access);
    ui[0] = new UiHandler(
        new AppLookup(refresher, replays[0], new Liveness(config.abandonedAfter()), Clock.systemUTC()),
        logStore::search, ops.registry(), access);
    ListingScheduler scheduler =
        snapshots == null
            ? new ListingScheduler(refresher, metrics, config.scanInterval(), ops.liveness())
            : new ListingScheduler(
                refresher, metrics, config.scanInterval(), new ListingKeeper(refresher, snapshots),
                ops.liveness());
    // The first scan starts before the port is bound: it runs on its own thread while this one
    // binds the JVM meters and the port, so that a request for an application, which waits for
    // that scan, can begin its replay sooner. Ops still stops last (services stop in reverse
    // order): probes and metrics answer for the whole life of the process, shutdown included.
    List<Service> children = new ArrayList<>();
    children.add(new StoppedLast(ops));
    children.add(new StoreCheck(stores));
    if (snapshots != null) {
      children.add(new SnapshotDirectory(snapshots, refresher));
    }
    children.add(scheduler);
    children.add(new StartedHere(ops));
    children.add(logStore);
    this.composite = CompositeService.of(COMPONENT, children);
  }

  @Override
  public String name() {
    return COMPONENT;
  }

  @Override
  public void start() throws Exception {
    composite.start();
  }

  @Override
  public void stop(Duration deadline) {
    composite.stop(deadline);
  }

  /** The bound HTTP port; valid after {@link #start()}. */
  public int port() {
    return ops.port();
  }

  /** The listing the API serves, for tests and embedding. */
  public ListingRefresher refresher() {
    return refresher;
  }

  /** Stops the ops side; {@link StartedHere} starts it, later in the start order. */
  private static final class StoppedLast implements Service {
    private final ComponentOps ops;

    StoppedLast(ComponentOps ops) {
      this.ops = ops;
    }

    @Override
    public String name() {
      return ops.name() + "-stop";
    }

    @Override
    public void start() {
      // Started by StartedHere, after the first scan has begun.
    }

    @Override
    public void stop(Duration deadline) {
      ops.stop(deadline);
    }
  }

  /** Starts the ops side (binds its meters and its port); {@link StoppedLast} stops it. */
  private static final class StartedHere implements Service {
    private final ComponentOps ops;

    StartedHere(ComponentOps ops) {
      this.ops = ops;
    }

    @Override
    public String name() {
      return ops.name();
    }

    @Override
    public void start() throws Exception {
      ops.start();
    }

    @Override
    public void stop(Duration deadline) {
      // Stopped by StoppedLast, after everything else.
    }
  }

  /** Opens {@code cache.dir} at start (failing it when unusable) and stops its writer. */
  private static final class SnapshotDirectory implements Service {
    private final SnapshotStore snapshots;
    private final ListingRefresher refresher;

    SnapshotDirectory(SnapshotStore snapshots, ListingRefresher refresher) {
      this.snapshots = snapshots;
      this.refresher = refresher;
    }

    @Override
    public String name() {
      return "history-snapshots";
    }

    @Override
    public void start() throws IOException {
      try {
        snapshots.open();
      } catch (IOException e) {
        throw new IOException(
            "cache.dir " + snapshots.directory() + " cannot be used: " + e.getMessage(), e);
      }
      // Before the first scan, which then reads only the logs that changed while stopped.
      refresher.remember(snapshots.readListing());
    }

    @Override
    public void stop(Duration deadline) {
      snapshots.close(deadline);
    }
  }

  /**
   * Writes the listing to {@code cache.dir} after a scan that read a log or saw one go, so that a
   * restart lists unchanged logs without reading them.
   */
  private static final class ListingKeeper implements java.util.function.Consumer<ScanReport> {
    private final ListingRefresher refresher;
    private final SnapshotStore snapshots;
    private int lastLogs = -1;

    ListingKeeper(ListingRefresher refresher, SnapshotStore snapshots) {
      this.refresher = refresher;
      this.snapshots = snapshots;
    }

    @Override
    public void accept(ScanReport report) {
      // A running log that only grew changes nothing kept but its time: re-read after a restart.
      if (report.logsRead() > 0 || report.logs() != lastLogs) {
        snapshots.writeListing(refresher.readSoFar());
        lastLogs = report.logs();
      }
    }
  }

  /** Fails the start when a directory cannot be listed at all, before any scan is scheduled. */
  private static final class StoreCheck implements Service {
    private final List<EventLogStore> stores;

    StoreCheck(List<EventLogStore> stores) {
      this.stores = stores;
    }

    @Override
    public String name() {
      return "history-log-directories";
    }

    @Override
    public void start() throws IOException {
      for (EventLogStore store : stores) {
        try {
          store.list("");
        } catch (NoSuchFileException e) {
          throw new IOException(
              "event log directory " + store.location() + " does not exist or is not a directory",
              e);
        } catch (IOException e) {
          throw new IOException(
              "event log directory " + store.location() + " cannot be listed: " + e.getMessage(),
              e);
        }
      }
    }

    @Override
    public void stop(Duration deadline) {
      // Stopped after the scheduler (services stop in reverse order): no scan uses them anymore.
      for (EventLogStore store : stores) {
        store.close();
      }
    }
  }
}
