package io.pipelens.collector.source.otlp;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.collector.prometheus.OtlpSeriesStore;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/gRPC receiver, on its own port ({@code otlp.grpc}, 4317 by default): {@code
 * opentelemetry.proto.collector.logs.v1.LogsService/Export} and {@code
 * opentelemetry.proto.collector.metrics.v1.MetricsService/Export}, what OpenTelemetry SDKs and
 * Collectors send with the {@code grpc} protocol. Same tokens, size limit, in-flight budget, ack
 * timeout and TLS as the HTTP receiver ({@link GrpcExportMethod}); gzip-compressed messages are
 * accepted, as gRPC servers do.
 *
 * <p>Methods run on {@value #THREADS} threads named {@code pipelens-collector-otlp-grpc-N}; they
 * only decode and hand on, never wait. {@link #stop} refuses new calls {@code UNAVAILABLE},
 * lets the running ones finish within the deadline, then closes the port.
 */
public final class OtlpGrpcReceiver implements Service {

  /** The logs service of OTLP. */
  public static final String LOGS_SERVICE = "opentelemetry.proto.collector.logs.v1.LogsService";
  /** The metrics service of OTLP. */
  public static final String METRICS_SERVICE = "opentelemetry.proto.collector.metrics.v1.MetricsService";
  private static final OtlpLogsCodec PROTOBUF = new OtlpLogsCodec();
  static final int THREADS = 4;
  static final int MAX_CALLS_PER_CONNECTION = 64;

  private static final Logger log = LoggerFactory.getLogger(OtlpGrpcReceiver.class);

  private final OtlpReceiverConfig config;
  private final OtlpMetrics metrics;
  private final List<ServerServiceDefinition> services;
  private volatile boolean stopping;
  private Server server;
  private ExecutorService executor;
  private final Liveness liveness;

  /** The call threads in {@link Liveness}; as {@link OtlpHttpReceiver#WORKER}, only an {@link Error} reports. */
  public static final String WORKER = "collector.source.otlp.grpc";

  /** A receiver for {@code config}, not yet started; {@code max_in_flight_bytes} is its own budget. */
  public OtlpGrpcReceiver(OtlpReceiverConfig config, RecordSink sink, OtlpSeriesStore series, MeterRegistry registry,
      Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.metrics = new OtlpMetrics(registry);
    ByteBudget inFlight = new ByteBudget(config.maxInFlightBytes().bytes());
    GrpcExportMethod logsExport = new GrpcExportMethod(new LogsExport(PROTOBUF, sink, metrics), inFlight,
        config.ackTimeout(), () -> stopping);
    GrpcExportMethod metricsExport = new GrpcExportMethod(new MetricsExport(series, false), inFlight,
        config.ackTimeout(), () -> stopping);
    this.services = List.of(
        ServerServiceDefinition.builder(LOGS_SERVICE).addMethod(logsExport.definition(LOGS_SERVICE)).build(),
        ServerServiceDefinition.builder(METRICS_SERVICE).addMethod(metricsExport.definition(METRICS_SERVICE)).build());
  }

  @Override
  public String name() {
    return "otlp-grpc-receiver";
  }

  @Override
  public void start() throws IOException {
    String host = config.grpc().host();
    int port = config.grpc().port();
    ServerCredentials credentials = config.tls() == null
        ? InsecureServerCredentials.create()
        : TlsServerCredentials.newBuilder().keyManager(ServerCertificates.keyManagers(config.tls())).build();
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "pipelens-collector-otlp-grpc-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    // Interceptors run last-listed first: every call is counted, the refused ones too.
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials);
    for (ServerServiceDefinition service : services) {
      builder.addService(ServerInterceptors.intercept(service,
          new GrpcAuthentication(new BearerTokens(config.tokens())), new GrpcCallCounter(metrics)));
    }
    try {
      server = builder
          .executor(liveness.watchTasks(WORKER, executor))
          .maxInboundMessageSize((int) config.maxRequestSize().bytes())
          .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
          .handshakeTimeout(10, TimeUnit.SECONDS)
          .build()
          .start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new IOException("cannot bind the OTLP/gRPC receiver to " + host + ":" + port + ": " + e.getMessage(), e);
    }
    log.info("OTLP/gRPC receiver listening on {}:{}{}", host, port(), config.tls() == null ? "" : " (TLS)");
  }

  /** The bound port, which differs from the configured one when that was 0. */
  public int port() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  @Override
  public void stop(Duration deadline) {
    if (server == null || stopping) {
      return;
    }
    stopping = true;
    server.shutdown();
    try {
      if (!server.awaitTermination(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    executor.shutdownNow();
  }
}
