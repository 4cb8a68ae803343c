package io.pipelens.runtime.ops;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.runtime.internal.DaemonThreadFactory;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations HTTP server every pipelens component runs, on the JDK's built-in
 * {@code com.sun.net.httpserver}:
 *
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus registry, as {@code text/plain; version=0.0.4; charset=utf-8},
 *       or as OpenMetrics when the Accept header asks for {@code application/openmetrics-text}
 *   <li>{@code GET /healthz}: 200 {@code ok} while every worker loop of the {@link Liveness} lives,
 *       else 503 with a JSON body naming each dead worker and its cause (liveness)
 *   <li>{@code GET /readyz}: 200 when every {@link Readiness} check passes and no worker is dead
 *       (the {@code workers} check), else 503 with a JSON body naming the failing checks and why
 *   <li>any path added with {@link Builder#route(String, HttpHandler)}
 * </ul>
 *
 * <p>Paths match exactly; anything else is 404. Every route is read-only: methods other than GET
 * and HEAD get 405, because this port is unauthenticated and must not change anything.
 *
 * <p>Threads: requests run on a fixed pool of {@value #THREADS} daemon threads named
 * {@code pipelens-ops-http-N} with a queue of {@value #QUEUE_CAPACITY} requests; beyond that a
 * connection is closed unanswered, so a scrape storm cannot pile up work in the process.
 *
 * <pre>{@code
 * OpsServer ops = OpsServer.builder()
 *     .host("0.0.0.0").port(9400)
 *     .registry(prometheusRegistry)
 *     .readiness(readiness)
 *     .liveness(liveness)
 *     .build();
 * ops.start();
 * }</pre>
 */
public final class OpsServer implements Service {

  /** Request threads; a scrape every few seconds and two probes need no more. */
  public static final int THREADS = 4;
  /** Requests waiting for a thread before new connections are closed. */
  public static final int QUEUE_CAPACITY = 64;

  /** Prometheus scrape endpoint. */
  public static final String METRICS_PATH = "/metrics";
  /** Liveness probe endpoint. */
  public static final String HEALTH_PATH = "/healthz";
  /** Readiness probe endpoint. */
  public static final String READY_PATH = "/readyz";

  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

  static {
    // The JDK server leaves Nagle's algorithm on, which delays every second response on a
    // kept-alive connection by about 40 ms (measured: 43 ms, and 1 ms with this set). It is read
    // once, when the JDK's server classes load, so it has to be set before the first server.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final String host;
  private final int requestedPort;
  private final Map<String, HttpHandler> routes;
  private final Map<String, HttpHandler> treeRoutes;
  private final Object lock = new Object();

  // Guarded by lock.
  private HttpServer server;
  private ThreadPoolExecutor executor;
  private boolean stopped;

  private OpsServer(Builder builder) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    Map<String, HttpHandler> all = new LinkedHashMap<>();
    all.put(METRICS_PATH, new MetricsEndpoint(builder.registry));
    all.put(HEALTH_PATH, new HealthEndpoint(builder.liveness));
    all.put(READY_PATH, new ReadinessEndpoint(builder.readiness, builder.liveness));
    all.putAll(builder.routes);
    this.routes = Map.copyOf(all);
    this.treeRoutes = Map.copyOf(builder.treeRoutes);
  }

  /** A builder; {@link Builder#registry} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "ops-http";
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws IOException if the address cannot be bound, with the address in the message
   * @throws IllegalStateException if already started or stopped
   */
  @Override
  public void start() throws IOException {
    synchronized (lock) {
      if (server != null || stopped) {
        throw new IllegalStateException("ops server was already " + (stopped ? "stopped" : "started"));
      }
      InetSocketAddress address = new InetSocketAddress(host, requestedPort);
      if (address.isUnresolved()) {
        throw new IOException("cannot bind the ops HTTP server to " + host + ":" + requestedPort
            + ": unknown host " + host);
      }
      HttpServer created;
      try {
        created = HttpServer.create(address, 0);
      } catch (IOException e) {
        throw new IOException("cannot bind the ops HTTP server to " + host + ":" + requestedPort + ": " + e.getMessage(), e);
      }
      // AbortPolicy: when the queue is full the JDK dispatcher catches the rejection and closes
      // the connection, which is the bounded behaviour wanted here.
      ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUE_CAPACITY), new DaemonThreadFactory("pipelens-ops-http"),
          new ThreadPoolExecutor.AbortPolicy());
      created.setExecutor(pool);
      created.createContext("/", new OpsRouter(routes, treeRoutes));
      created.start();
      server = created;
      executor = pool;
      log.info("ops endpoints {}, {}, {} listening on {}:{}", METRICS_PATH, HEALTH_PATH, READY_PATH,
          host, created.getAddress().getPort());
    }
  }

  /**
   * The bound port, which differs from the configured one when that was 0.
   *
   * @throws IllegalStateException if the server is not running
   */
  public int port() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException("ops server is not running");
      }
      return server.getAddress().getPort();
    }
  }

  /**
   * Stops serving: closes the port and open connections at once, then waits up to
   * {@code deadline} for running requests to finish. Idempotent.
   */
  @Override
  public void stop(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    HttpServer toStop;
    ThreadPoolExecutor pool;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      toStop = server;
      pool = executor;
      server = null;
      executor = null;
    }
    if (toStop == null) {
      return;
    }
    // stop(0): on JDK 17 stop(n) waits the full n seconds even when idle (JDK-8304065), and an
    // interrupted scrape costs nothing.
    toStop.stop(0);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(saturatedNanos(deadline), TimeUnit.NANOSECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("ops endpoints stopped");
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Builds an {@link OpsServer}; each setter checks its argument at once. */
  public static final class Builder {

    private String host = HttpConfig.DEFAULT_HOST;
    private int port = 0;
    private PrometheusMeterRegistry registry;
    private Readiness readiness = new Readiness();
    private Liveness liveness = new Liveness();
    private final Map<String, HttpHandler> routes = new LinkedHashMap<>();
    private final Map<String, HttpHandler> treeRoutes = new LinkedHashMap<>();

    private Builder() {}

    /** The address to bind; defaults to {@value HttpConfig#DEFAULT_HOST}. */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /** The port to bind, 0 to 65535; 0, the default, binds an ephemeral port (see {@link #port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Host and port from a component's configuration, its port resolved against the component's default. */
    public Builder http(HttpConfig config, int componentDefaultPort) {
      Objects.requireNonNull(config, "config");
      return host(config.host()).port(config.portOr(componentDefaultPort));
    }

    /** The registry {@code /metrics} exposes. Required. */
    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The checks {@code /readyz} runs; defaults to none, so always ready. */
    public Builder readiness(Readiness readiness) {
      this.readiness = Objects.requireNonNull(readiness, "readiness");
      return this;
    }

    /**
     * The worker loops {@code /healthz} and {@code /readyz} watch; defaults to a fresh registry that
     * nothing reports to, so always alive.
     */
    public Builder liveness(Liveness liveness) {
      this.liveness = Objects.requireNonNull(liveness, "liveness");
      return this;
    }

    /**
     * Adds a read-only endpoint at exactly {@code path}. The handler is only called for GET and
     * HEAD; it must send a response (for HEAD, {@code sendResponseHeaders(status, -1)} and no
     * body), and the server closes the exchange afterwards. An exception it throws becomes a 500
     * and a warning in the log.
     *
     * @throws IllegalArgumentException if the path does not start with {@code /}, is a built-in
     *     endpoint, or was already added
     */
    public Builder route(String path, HttpHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("route path must start with /, got " + path);
      }
      if (path.equals(METRICS_PATH) || path.equals(HEALTH_PATH) || path.equals(READY_PATH)) {
        throw new IllegalArgumentException("route path " + path + " is a built-in ops endpoint");
      }
      if (routes.putIfAbsent(path, handler) != null) {
        throw new IllegalArgumentException("route path " + path + " was already added");
      }
      return this;
    }

    /**
     * Adds a read-only endpoint for {@code prefix} and every path below it ({@code prefix + "/..."}),
     * such as the history server's {@code /api/v1}. The handler reads the full path from the
     * exchange. Exact routes win over trees, and the longest tree wins over shorter ones.
     *
     * @throws IllegalArgumentException if the prefix does not start with {@code /}, ends with
     *     {@code /}, covers a built-in endpoint, or was already added
     */
    public Builder routeTree(String prefix, HttpHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (prefix == null || !prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")) {
        throw new IllegalArgumentException("route tree prefix must start with / and not end with /, got " + prefix);
      }
      for (String builtIn : new String[] {METRICS_PATH, HEALTH_PATH, READY_PATH}) {
        if (builtIn.equals(prefix) || builtIn.startsWith(prefix + "/")) {
          throw new IllegalArgumentException("route tree " + prefix + " covers the built-in ops endpoint " + builtIn);
        }
      }
      if (treeRoutes.putIfAbsent(prefix, handler) != null) {
        throw new IllegalArgumentException("route tree " + prefix + " was already added");
      }
      return this;
    }

    /**
     * The server, not yet started.
     *
     * @throws IllegalStateException if no registry was set
     */
    public OpsServer build() {
      if (registry == null) {
        throw new IllegalStateException("registry must be set");
      }
      return new OpsServer(this);
    }
  }
}
