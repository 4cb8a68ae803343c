package io.pipelens.runtime.component;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.runtime.ops.HttpConfig;
import io.pipelens.runtime.ops.OpsServer;
import io.pipelens.runtime.ops.ProcessMetrics;
import io.pipelens.runtime.ops.Readiness;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The operations side of one component: its meter registry, its readiness checks, the liveness of
 * its worker loops and the HTTP server that exposes them on {@code /metrics}, {@code /healthz} and {@code /readyz}.
 *
 * <p>A component starts this first and stops it last (put it first in a {@link
 * io.pipelens.runtime.lifecycle.CompositeService}), so that probes and metrics answer for the
 * whole life of the process, shutdown included. The JVM and process meters are bound by {@link
 * #start()}, just before the port is bound; the component's own meters may be registered at once.
 */
public final class ComponentOps implements Service {

  private final String component;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness;
  private final Liveness liveness;
  private final String version;
  /** Bound in {@link #start()}; null before it. Guarded by this. */
  private ProcessMetrics processMetrics;
  private final OpsServer server;
  private final AtomicBoolean released = new AtomicBoolean();

  private ComponentOps(String component, HttpConfig http, int defaultPort, Tags commonTags,
      Consumer<OpsServer.Builder> routes) {
    this.component = component;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before any meter exists: common tags apply only to meters registered after them.
    registry.config().commonTags(commonTags);
    this.readiness = new Readiness();
    this.liveness = new Liveness(component, registry);
    this.version = version();
    OpsServer.Builder builder = OpsServer.builder().http(http, defaultPort).registry(registry).readiness(readiness)
        .liveness(liveness);
    routes.accept(builder);
    this.server = builder.build();
  }

  /**
   * Builds the operations side of {@code component}.
   *
   * @param http the component's {@code http} section
   * @param defaultPort the component's port when {@code http.port} is not set
   * @param routes adds the component's own endpoints, such as the history server's API
   */
  public static ComponentOps create(String component, HttpConfig http, int defaultPort,
      Consumer<OpsServer.Builder> routes) {
    return create(component, http, defaultPort, Tags.empty(), routes);
  }

  /**
   * Same as {@link #create(String, HttpConfig, int, Consumer)}, with tags that every meter of the
   * registry carries, the JVM and process meters included (the agent's {@code compute_type}).
   */
  public static ComponentOps create(String component, HttpConfig http, int defaultPort, Tags commonTags,
      Consumer<OpsServer.Builder> routes) {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(commonTags, "commonTags");
    Objects.requireNonNull(routes, "routes");
    return new ComponentOps(component, http, defaultPort, commonTags, routes);
  }

  /** Same as {@link #create(String, HttpConfig, int, Consumer)} with no endpoints of its own. */
  public static ComponentOps create(String component, HttpConfig http, int defaultPort) {
    return create(component, http, defaultPort, builder -> { });
  }

  /** The pipelens version from the jar's manifest, or {@code dev} when run from classes. */
  public static String version() {
    String version = ComponentOps.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }

  /** Where the component registers its meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Where the component registers what {@code /readyz} checks. */
  public Readiness readiness() {
    return readiness;
  }

  /**
   * Where the component's long-running worker loops report that they died, which fails
   * {@code /healthz} and {@code /readyz} and counts in {@code pipelens_worker_failures_total}.
   */
  public Liveness liveness() {
    return liveness;
  }

  /** The bound port; valid after {@link #start()}. */
  public int port() {
    return server.port();
  }

  @Override
  public String name() {
    return component + "-ops";
  }

  @Override
  public synchronized void start() throws Exception {
    // The JVM and process meters are bound here rather than when this is built: binding them loads
    // a few hundred classes (JMX, the GC listeners), and a component may start work of its own on
    // another thread before its ops side (the history server's first scan), which then overlaps
    // this. Still before the port is bound, so the first scrape already sees them.
    if (processMetrics == null && !released.get()) {
      processMetrics = ProcessMetrics.bindTo(registry, component, version);
    }
    server.start();
  }

  @Override
  public void stop(Duration deadline) {
    try {
      server.stop(deadline);
    } finally {
      if (released.compareAndSet(false, true)) {
        synchronized (this) {
          if (processMetrics != null) {
            processMetrics.close();
          }
        }
        registry.close();
      }
    }
  }
}
