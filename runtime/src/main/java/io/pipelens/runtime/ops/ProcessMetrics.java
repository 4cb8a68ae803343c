package io.pipelens.runtime.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.Objects;

/**
 * Binds the JVM and process metrics every pipelens component exports (memory, GC, threads, class
 * loading, CPU, uptime, open files) and {@code pipelens_build_info}. The metric names are listed
 * in {@link io.pipelens.runtime.ops the package documentation}.
 *
 * <p>Close it when the registry is closed: the GC metrics hold JMX notification listeners.
 */
public final class ProcessMetrics implements AutoCloseable {

  /** Meter name of the build info gauge; exposed as {@code pipelens_build_info}. */
  public static final String BUILD_INFO = "pipelens.build.info";

  private final JvmGcMetrics gcMetrics;

  private ProcessMetrics(JvmGcMetrics gcMetrics) {
    this.gcMetrics = gcMetrics;
  }

  /**
   * Binds the metrics to {@code registry}.
   *
   * @param component the component name, such as {@code agent}, for the {@code component} tag
   * @param version the pipelens version, for the {@code version} tag
   */
  public static ProcessMetrics bindTo(MeterRegistry registry, String component, String version) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(version, "version");
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    // Constant 1: the information is in the tags, so that dashboards can join on version.
    Gauge.builder(BUILD_INFO, () -> 1)
        .description("pipelens build information; the value is always 1")
        .tag("component", component)
        .tag("version", version)
        .register(registry);
    return new ProcessMetrics(gcMetrics);
  }

  /** Unregisters the GC notification listeners. */
  @Override
  public void close() {
    gcMetrics.close();
  }
}
