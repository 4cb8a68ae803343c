package io.pipelens.collector.source.otlp;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.agentconfig.AgentConfigEndpoint;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.collector.prometheus.OtlpSeriesStore;
import io.pipelens.core.codec.OtlpJsonLogsCodec;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import javax.net.ssl.SSLContext;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/HTTP receiver, on its own port: {@code POST /v1/logs} with protobuf or JSON bodies and
 * {@code POST /v1/metrics} with protobuf or JSON (see {@link ExportHandler}), optionally gzip-compressed, over TLS
 * when {@code otlp.tls} is set.
 * OTLP/gRPC is {@link OtlpGrpcReceiver}.
 *
 * <p>Requests run on {@value #THREADS} threads named {@code pipelens-collector-otlp-N}, which wait
 * for the sink's acknowledgement; up to {@value #QUEUE} more wait for a thread, beyond that a
 * connection is closed unanswered. {@link #stop} answers new requests 503 and lets the running
 * ones finish within the deadline before it closes the port.
 */
public final class OtlpHttpReceiver implements Service {

  /** The logs path. */
  public static final String LOGS_PATH = "/v1/logs";
  /** The metrics path. */
  public static final String METRICS_PATH = "/v1/metrics";
  private static final OtlpLogsCodec PROTOBUF = new OtlpLogsCodec();
  private static final OtlpJsonLogsCodec JSON = new OtlpJsonLogsCodec();
  static final int THREADS = 32;
  static final int QUEUE = 256;

  private static final Logger log = LoggerFactory.getLogger(OtlpHttpReceiver.class);

  private final OtlpReceiverConfig config;
  private final RecordSink sink;
  private final OtlpSeriesStore series;
  private final OtlpMetrics metrics;
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean stopping;
  private HttpServer server;
  private ThreadPoolExecutor executor;
  private final Liveness liveness;

  /**
   * The request threads in {@link Liveness}: a request that an {@link Error} ends (a handler's
   * failures are answered, so nothing else escapes) leaves its records unacknowledged and the JVM
   * suspect, so the collector is restarted.
   */
  public static final String WORKER = "collector.source.otlp.http";
  private AgentConfigEndpoint agentConfigs;

  /** A receiver for {@code config}, not yet started: logs go to {@code sink}, metrics to {@code series}. */
  public OtlpHttpReceiver(OtlpReceiverConfig config, RecordSink sink, OtlpSeriesStore series, MeterRegistry registry,
      Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.sink = sink;
    this.series = series;
    this.metrics = new OtlpMetrics(registry);
  }

  @Override
  public String name() {
    return "otlp-http-receiver";
  }

  /**
   * Also serves {@code GET /v1/agent-config} (the config server), behind the same tokens and TLS;
   * before {@link #start}.
   */
  public void serveAgentConfigs(AgentConfigEndpoint endpoint) {
    this.agentConfigs = endpoint;
  }

  @Override
  public void start() throws IOException {
    String host = config.http().host();
    int port = config.http().portOr(OtlpReceiverConfig.DEFAULT_PORT);
    SSLContext tls = config.tls() == null ? null : ServerCertificates.sslContext(config.tls());
    try {
      InetSocketAddress address = new InetSocketAddress(host, port);
      if (tls == null) {
        server = HttpServer.create(address, 0);
      } else {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
      }
    } catch (IOException e) {
      throw new IOException("cannot bind the OTLP/HTTP receiver to " + host + ":" + port + ": " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
        runnable -> {
          Thread thread = new Thread(runnable, "pipelens-collector-otlp-" + n.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    server.setExecutor(liveness.watchTasks(WORKER, executor));
    ByteBudget inFlight = new ByteBudget(config.maxInFlightBytes().bytes());
    route(LOGS_PATH, new ExportHandler(config, LOGS_PATH, new LogsExport(PROTOBUF, sink, metrics),
        new LogsExport(JSON, sink, metrics), inFlight, metrics, () -> stopping));
    route(METRICS_PATH, new ExportHandler(config, METRICS_PATH, new MetricsExport(series, false),
        new MetricsExport(series, true), inFlight, metrics,
        () -> stopping));
    if (agentConfigs != null) {
      serveAgentConfigs(new BearerTokens(config.tokens()));
    }
    server.start();
    log.info("OTLP/HTTP receiver listening on {}:{} ({}, {}){}", host, port(), LOGS_PATH, METRICS_PATH,
        config.tls() == null ? "" : " over TLS");
  }

  private void serveAgentConfigs(BearerTokens tokens) {
    server.createContext(AgentConfigEndpoint.PATH, exchange -> {
      active.incrementAndGet();
      try (exchange) {
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals(AgentConfigEndpoint.PATH)) {
          exchange.sendResponseHeaders(404, -1);
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          exchange.sendResponseHeaders(405, -1);
        } else if (tokens.team(exchange.getRequestHeaders().getFirst("Authorization")) == null) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
          exchange.sendResponseHeaders(401, -1);
        } else {
          agentConfigs.handle(exchange);
        }
      } finally {
        active.decrementAndGet();
      }
    });
  }

  private void route(String path, ExportHandler handler) {
    server.createContext(path, exchange -> {
      active.incrementAndGet();
      try {
        if (!exchange.getRequestURI().getPath().equals(path)) {
          metrics.answered(404);
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
          return;
        }
        handler.handle(exchange);
      } finally {
        active.decrementAndGet();
      }
    });
  }

  /** The bound port, which differs from the configured one when that was 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void stop(Duration deadline) {
    if (server == null || stopping) {
      return;
    }
    stopping = true;
    long end = System.nanoTime() + Math.min(deadline.toNanos(), Long.MAX_VALUE / 4);
    while (active.get() > 0 && System.nanoTime() - end < 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // stop(0): on JDK 17 stop(n) waits all n seconds even when idle (JDK-8304065).
    server.stop(0);
    executor.shutdownNow();
  }
}
