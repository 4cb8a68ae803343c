package io.pipelens.agent.output.otlp;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.OutputStoppedException;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.output.internal.Backoff;
import io.pipelens.agent.output.internal.BatchDelivery;
import io.pipelens.agent.output.internal.ByteBudget;
import io.pipelens.agent.output.internal.Chunks;
import io.pipelens.agent.output.internal.OutputMetrics;
import io.pipelens.agent.output.internal.OutputThreads;
import io.pipelens.agent.output.internal.PendingDeliveries;
import io.pipelens.agent.output.internal.RateLimitedLog;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches as OTLP/HTTP protobuf requests ({@code POST}, {@code application/x-protobuf},
 * gzip, bearer token), one at a time and in order, from the worker thread {@code
 * pipelens-agent-output-<name>}.
 *
 * <p>A batch becomes one request, or several when its encoding is above {@code max_batch_size}. A
 * request is retried until it is answered with a 2xx, which is slow when the collector is down but
 * keeps the order of records and never drops one. What each answer means:
 *
 * <ul>
 *   <li><b>2xx</b>: delivered. Records a {@code partial_success} reports refused are counted in
 *       {@code rejected_records_total} and logged.
 *   <li><b>429, 502, 503, 504</b>: retried after {@code Retry-After} (seconds or an HTTP date, at
 *       most 5 minutes) when the answer has one, else after the backoff.
 *   <li><b>408, other 5xx, connection errors and timeouts</b>: retried after the backoff.
 *   <li><b>401, 403, 404</b>: retried after the backoff and logged as a configuration problem (the
 *       token or the endpoint is wrong). These say nothing about the records, and giving up would
 *       throw away every batch until someone fixes the configuration; retrying blocks instead, so
 *       the files are the buffer and nothing is lost.
 *   <li><b>413</b>: the request is split in halves, each sent on its own; one record too large is
 *       rejected as below.
 *   <li><b>Any other 4xx</b> (400 above all): the collector refuses these records for good, and
 *       sending them again would block everything behind them forever. The request is given up on:
 *       logged as an error with the answer's body, counted in {@code rejected_records_total}, and
 *       its part of the batch counts as done, so the batch's stage completes normally and the
 *       checkpoint moves on, as a collector without a dead-letter queue does.
 * </ul>
 */
public final class OtlpOutput implements Output {

  private static final Logger log = LoggerFactory.getLogger(OtlpOutput.class);

  private static final long POLL_MILLIS = 100;
  private static final int MAX_LOGGED_BODY = 1024;

  private enum Verdict {
    DELIVERED,
    RETRY,
    SPLIT,
    REJECTED
  }

  private final String name;
  private final OtlpOutputConfig config;
  private final OtlpLogsCodec codec = new OtlpLogsCodec();
  private final ByteBudget budget;
  private final OutputMetrics metrics;
  private final PendingDeliveries pending = new PendingDeliveries();
  private final BlockingQueue<OtlpRequest> queue = new LinkedBlockingQueue<>();
  private final RateLimitedLog failureLog = new RateLimitedLog(log, 10);
  private final RateLimitedLog rejectionLog = new RateLimitedLog(log, 5);
  private final ExecutorService httpThreads;
  private final boolean gzip;

  private final Object intakeLock = new Object();
  private boolean accepting = true; // guarded by intakeLock

  private final Object lifecycleLock = new Object();
  private boolean started; // guarded by lifecycleLock
  private boolean stopped; // guarded by lifecycleLock
  private HttpClient client; // set by start
  private Thread worker; // set by start
  private volatile boolean workerStop;
  private final Liveness liveness;

  // Worker thread only.
  private final Backoff backoff;
  private Duration nextWait = Duration.ZERO;

  private OtlpOutput(String name, OtlpOutputConfig config, MeterRegistry registry, Liveness liveness) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an output needs a name");
    }
    this.name = name;
    this.config = Objects.requireNonNull(config, "config");
    this.budget = new ByteBudget(name, config.maxPending().bytes());
    this.metrics = new OutputMetrics(Objects.requireNonNull(registry, "registry"), name, budget::used);
    this.backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
    this.httpThreads = Executors.newCachedThreadPool(OutputThreads.helpers(name, "http"));
    this.gzip = config.compression().equals("gzip");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
  }

  /**
   * An OTLP output named {@code name}; call {@link #start()} before {@link #send}. Its worker
   * reports to {@code liveness} as {@code agent.output.otlp.<name>} when it stops for good.
   */
  public static OtlpOutput create(String name, OtlpOutputConfig config, MeterRegistry registry,
      Liveness liveness) {
    return new OtlpOutput(name, config, registry, liveness);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() throws Exception {
    synchronized (lifecycleLock) {
      if (started || stopped) {
        throw new IllegalStateException(name + " output was already " + (stopped ? "stopped" : "started"));
      }
      started = true;
      HttpClient.Builder builder =
          HttpClient.newBuilder()
              .connectTimeout(config.timeout())
              .executor(httpThreads)
              .followRedirects(HttpClient.Redirect.NEVER);
      if (config.endpointUri().getScheme().equals("https")) {
        builder.sslContext(TlsContexts.of(config.tls())).version(HttpClient.Version.HTTP_2);
      } else {
        // No h2c upgrade dance with plain-text collectors.
        builder.version(HttpClient.Version.HTTP_1_1);
      }
      client = builder.build();
      worker = OutputThreads.worker("otlp", name, liveness, this::work);
      worker.start();
    }
    log.info(
        "{} output: sending OTLP/HTTP protobuf to {} ({}, {})",
        name, config.endpoint(), gzip ? "gzip" : "uncompressed",
        config.hasToken() ? "bearer token" : "no token");
  }

  @Override
  public CompletionStage<Void> send(RecordBatch batch) throws InterruptedException {
    Objects.requireNonNull(batch, "batch");
    if (batch.records().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Chunks.Chunk> chunks = Chunks.encode(codec, batch.records(), config.maxBatchSize().bytes());
    long bytes = 0;
    for (Chunks.Chunk chunk : chunks) {
      bytes += chunk.encoded().length;
    }
    try {
      budget.acquire(bytes);
    } catch (OutputStoppedException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (intakeLock) {
      if (!accepting) {
        budget.release(bytes);
        return CompletableFuture.failedFuture(
            new OutputStoppedException(name + " output is stopped and takes no more records"));
      }
      // Completing on the worker is fine: it is this output's own thread.
      BatchDelivery delivery = new BatchDelivery(chunks.size(), metrics, Runnable::run);
      pending.add(delivery);
      for (Chunks.Chunk chunk : chunks) {
        queue.add(new OtlpRequest(chunk.records(), chunk.encoded(), delivery));
      }
      return delivery.stage();
    }
  }

  @Override
  public void stop(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    long end = System.nanoTime() + Math.max(0, deadline.toNanos());
    synchronized (lifecycleLock) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    synchronized (intakeLock) {
      accepting = false;
    }
    budget.close();
    boolean flushed = pending.awaitDelivered(end);
    workerStop = true;
    OutputThreads.stopWorker(worker, end);
    int unfinished = pending.size();
    pending.failAll(
        new OutputStoppedException(
            name + " output stopped before " + config.endpoint() + " acknowledged the batch; its"
                + " records are read again after a restart"));
    httpThreads.shutdownNow();
    if (flushed) {
      log.info("{} output: stopped; every batch was acknowledged", name);
    } else {
      log.warn(
          "{} output: stopped with {} batches not acknowledged within the deadline; their records"
              + " will be read and sent again after a restart",
          name, unfinished);
    }
  }

  // --- the worker thread ---

  private void work() {
    Deque<OtlpRequest> work = new ArrayDeque<>();
    try {
      while (!workerStop) {
        if (work.isEmpty()) {
          OtlpRequest next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (next == null) {
            continue;
          }
          work.add(next);
        }
        OtlpRequest request = work.peekFirst();
        switch (attempt(request)) {
          case DELIVERED, REJECTED -> {
            work.pollFirst();
            budget.release(request.encoded.length);
          }
          case SPLIT -> {
            work.pollFirst();
            budget.release(request.encoded.length);
            List<Chunks.Chunk> halves =
                Chunks.halves(codec, request.records, config.maxBatchSize().bytes());
            request.delivery.addParts(halves.size() - 1);
            for (int i = halves.size() - 1; i >= 0; i--) {
              Chunks.Chunk half = halves.get(i);
              budget.force(half.encoded().length);
              work.addFirst(new OtlpRequest(half.records(), half.encoded(), request.delivery));
            }
          }
          case RETRY -> TimeUnit.NANOSECONDS.sleep(nextWait.toNanos());
        }
      }
    } catch (InterruptedException e) {
      // stop() interrupts; what is left is failed there.
    }
    // Anything else ends the worker for good: Liveness logs it and fails /healthz, so the agent
    // is restarted and the unacknowledged records are read again.
  }

  private Verdict attempt(OtlpRequest request) throws InterruptedException {
    if (request.attempts++ > 0) {
      metrics.retried();
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(buildRequest(request), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      metrics.failed(e instanceof HttpTimeoutException ? "timeout" : "connection");
      return retry(
          backoff.next(),
          "could not reach " + config.endpoint() + " (" + e + ")",
          request);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      backoff.reset();
      delivered(request, response);
      return Verdict.DELIVERED;
    }
    metrics.failed("http_" + status);
    String answer = "HTTP " + status + " from " + config.endpoint() + ": " + bodyText(response.body());
    switch (status) {
      case 429, 502, 503, 504 -> {
        Duration wait =
            RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                .orElseGet(backoff::next);
        return retry(wait, answer, request);
      }
      case 401, 403, 404 -> {
        return retry(
            backoff.next(),
            answer + "; check the output's endpoint and token (records are kept and retried, not"
                + " dropped)",
            request);
      }
      case 413 -> {
        if (request.records.size() > 1) {
          log.info(
              "{} output: {} refused a request of {} bytes as too large; splitting it (lower"
                  + " max_batch_size to avoid this)",
              name, config.endpoint(), request.encoded.length);
          return Verdict.SPLIT;
        }
        return reject(request, answer);
      }
      default -> {
        if (status == 408 || status >= 500 || status < 400) {
          return retry(backoff.next(), answer, request);
        }
        return reject(request, answer);
      }
    }
  }

  private HttpRequest buildRequest(OtlpRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(config.endpointUri())
            .timeout(config.timeout())
            .header("Content-Type", OtlpLogsCodec.CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body(gzip)));
    if (gzip) {
      builder.header("Content-Encoding", "gzip");
    }
    if (config.hasToken()) {
      builder.header("Authorization", "Bearer " + config.token().value());
    }
    config.headers().forEach(builder::header);
    return builder.build();
  }

  private void delivered(OtlpRequest request, HttpResponse<byte[]> response) {
    boolean protobuf =
        response.headers().firstValue("Content-Type").orElse("").startsWith(OtlpLogsCodec.CONTENT_TYPE);
    PartialSuccess partial = protobuf ? PartialSuccess.parse(response.body()) : PartialSuccess.NONE;
    long refused = Math.min(partial.rejectedRecords(), request.records.size());
    if (refused > 0) {
      metrics.rejected(refused);
      rejectionLog.warn(
          name + " output: " + config.endpoint() + " accepted a request but refused " + refused
              + " of its " + request.records.size() + " records: " + partial.errorMessage(),
          null);
    }
    request.delivery.partDelivered(request.records.size() - refused, request.encoded.length);
  }

  private Verdict retry(Duration wait, String why, OtlpRequest request) {
    nextWait = wait;
    failureLog.warn(
        name + " output: " + why + "; attempt " + request.attempts + ", retrying in "
            + wait.toMillis() + " ms",
        null);
    return Verdict.RETRY;
  }

  private Verdict reject(OtlpRequest request, String answer) {
    rejectionLog.error(
        name + " output: giving up on " + request.records.size() + " records: the collector"
            + " refused them for good (" + answer + "). They are counted in"
            + " pipelens_agent_output_rejected_records_total and will not be sent again");
    request.delivery.partRejected(request.records.size());
    return Verdict.REJECTED;
  }

  private static String bodyText(byte[] body) {
    if (body == null || body.length == 0) {
      return "(no body)";
    }
    String text = new String(body, 0, Math.min(body.length, MAX_LOGGED_BODY), StandardCharsets.UTF_8);
    text = text.replaceAll("[\\p{Cntrl}&&[^\t]]+", " ").strip();
    return body.length > MAX_LOGGED_BODY ? text + "... (" + body.length + " bytes)" : text;
  }
}
