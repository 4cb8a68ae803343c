package io.pipelens.collector.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.deadletter.DeadLetter;
import io.pipelens.collector.deadletter.DeadLetterQueue;
import io.pipelens.collector.normalize.DataStreamName;
import io.pipelens.collector.normalize.DocumentIds;
import io.pipelens.collector.normalize.EcsDocument;
import io.pipelens.collector.pipeline.RecordLabels;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.collector.pipeline.SinkStoppedException;
import io.pipelens.collector.sink.elasticsearch.BulkItems.ItemError;
import io.pipelens.logsearch.elasticsearch.RestClients;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.LogRecord;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes records into Elasticsearch data streams with {@code _bulk} {@code create} operations.
 *
 * <p><b>Flow.</b> {@link #write} turns records into documents at once (data stream, id, JSON) and
 * buffers them; a flusher thread waits for one of {@code bulk.concurrency} workers to be free, then
 * cuts a request when {@code bulk.max_actions} or {@code bulk.max_size} is reached, {@code
 * bulk.flush_interval} after its first document, or at once when the source said {@link #flush()}
 * (it has nothing more for now), and hands it to that worker. So a caught-up source's records go
 * out without waiting, and under load requests fill while the workers are busy. A worker owns its request until every document in it
 * is done:
 *
 * <ul>
 *   <li>2xx, and 409 (the id exists: an earlier delivery indexed it): done;
 *   <li>429, 5xx, and the whole request failing (connection refused, timeout, 429, 5xx, 401/403):
 *       sent again after a backoff of 100 ms doubling to 5 s, for as long as the sink runs, so an
 *       Elasticsearch outage pauses the pipeline instead of losing data;
 *   <li>any other 4xx (a mapping conflict, say): handed to the dead letter queue with
 *       Elasticsearch's reason, and done once the queue has it.
 * </ul>
 *
 * <p><b>Backpressure.</b> {@link #hasCapacity()} is false while buffered and in-flight documents
 * reach {@code 2 × concurrency × max_size} bytes or {@code 2 × concurrency × max_actions}
 * documents; while Elasticsearch is down the workers hold their requests, the buffer fills, and
 * sources pause.
 *
 * <p><b>Why {@code _bulk} goes through the low-level client.</b> {@code elasticsearch-java} is the
 * client of this sink: its transport wraps the {@link RestClient} built from the connection
 * settings (URLs, TLS, credentials), and its typed API answers the health probe. But its {@code
 * bulk} call cost more than the rest of the collector together (16–25 µs of CPU per document in
 * all, 11–14 of them on its I/O threads, in docs/benchmarks.md): it wraps every document in
 * operation objects, serializes each action line through its JSON mapper, streams the body
 * through its I/O threads and parses every item of the response into objects (index, id, version,
 * shards...). Next to Elasticsearch on a node's cores that CPU is taken from Elasticsearch. So
 * requests are NDJSON bytes made once per document ({@link BulkBodies}), sent through that same
 * {@link RestClient} with {@code filter_path} asking only for each item's status and error, read
 * by a streaming parser ({@link BulkItems}): about 4 µs per document in all, warm.
 *
 * <p><b>Readiness.</b> {@link #isReachable()} is false until the index template is installed and
 * whenever a request or the 5-second health probe fails to reach Elasticsearch.
 */
public final class ElasticsearchSink implements RecordSink, Service {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);
  private static final OtlpLogsCodec CODEC = new OtlpLogsCodec();
  private static final Duration HEALTH_PROBE_INTERVAL = Duration.ofSeconds(5);
  // A 5xx on one item (not the request) that keeps coming back is the item's fault after a while.
  private static final int MAX_ITEM_ATTEMPTS = 10;
  private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

  private final ElasticsearchSinkConfig config;
  private final DeadLetterQueue deadLetters;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final IndexTemplate template;
  private final BulkBodies bodies = new BulkBodies();
  private final long maxPendingBytes;
  private final long maxPendingDocuments;
  private final long flushIntervalNanos;

  private final Object lock = new Object();
  private final ArrayDeque<PendingDocument> buffer = new ArrayDeque<>(); // guarded by lock
  private long bufferBytes; // guarded by lock
  private long firstBufferedNanos; // guarded by lock; when the oldest buffered document came
  private boolean draining; // guarded by lock; stop() asked to flush everything now
  // guarded by lock: documents that were buffered when the source last said it has nothing more
  // and have not gone out since; later ones wait for their request to fill as usual
  private int flushPending;
  private boolean flusherDone; // guarded by lock

  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicLong pendingDocuments = new AtomicLong();
  private final AtomicInteger activeRequests = new AtomicInteger();
  private final Semaphore workerPermits;
  private final RateLimitedLog warnings = new RateLimitedLog(log, Duration.ofSeconds(10));

  private volatile boolean accepting;
  private volatile boolean givingUp;
  private volatile boolean reachable;
  private volatile boolean templateInstalled;
  private volatile String unreachableReason = "not started";

  private RestClient restClient;
  private ElasticsearchClient client;
  private ExecutorService workers;
  private Executor bulkRuns; // workers, each run watched by liveness
  private ScheduledExecutorService healthProbe;
  private Thread flusher;

  private final Liveness liveness;

  /** The flusher thread, which cuts bulk requests, in {@link Liveness}. */
  public static final String FLUSHER_WORKER = "collector.sink.elasticsearch.flusher";
  /** The bulk request pool in {@link Liveness}: a request ended by an error is never acknowledged. */
  public static final String BULK_WORKER = "collector.sink.elasticsearch.bulk";
  /** The periodic reachability probe in {@link Liveness}. */
  public static final String HEALTH_WORKER = "collector.sink.elasticsearch.health";

  /** A sink for {@code config}, not yet started; meters go to {@code registry}. */
  public ElasticsearchSink(ElasticsearchSinkConfig config, DeadLetterQueue deadLetters, Clock clock,
      MeterRegistry registry) {
    this(config, deadLetters, clock, registry, new Liveness());
  }

  /** Same as {@link #ElasticsearchSink(ElasticsearchSinkConfig, DeadLetterQueue, Clock, MeterRegistry)}, its threads reporting to {@code liveness}. */
  public ElasticsearchSink(ElasticsearchSinkConfig config, DeadLetterQueue deadLetters, Clock clock,
      MeterRegistry registry, Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.metrics = new SinkMetrics(registry);
    this.template = new IndexTemplate(config);
    BulkConfig bulk = config.bulk();
    this.maxPendingBytes = 2L * bulk.concurrency() * bulk.maxSize().bytes();
    this.maxPendingDocuments = 2L * bulk.concurrency() * bulk.maxActions();
    this.flushIntervalNanos = bulk.flushInterval().toNanos();
    this.workerPermits = new Semaphore(bulk.concurrency());
    Gauge.builder("pipelens_collector_sink_pending_bytes", pendingBytes, AtomicLong::get)
        .description("Bytes of documents buffered or in flight to the output")
        .tag("output", SinkMetrics.OUTPUT).register(registry);
  }

  @Override
  public String name() {
    return "elasticsearch-sink";
  }

  /**
   * Connects and installs the index template. Elasticsearch being unreachable is no reason to fail:
   * the sink retries until it comes. Elasticsearch refusing the template is.
   *
   * @throws IllegalStateException if Elasticsearch rejects the index template (4xx)
   */
  @Override
  public void start() throws IOException {
    restClient = RestClients.build(config.connection());
    client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    try {
      installTemplate();
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() < 500) {
        throw new IllegalStateException("Elasticsearch refused the index template " + template.name() + ": "
            + e.getMessage(), e);
      }
      log.warn("cannot install the index template yet ({}); indexing waits until it is", e.getMessage());
    } catch (IOException e) {
      log.warn("Elasticsearch at {} is not reachable yet ({}); indexing waits until it is",
          config.urls(), e.getMessage());
    }
    workers = Executors.newFixedThreadPool(config.bulk().concurrency(), named("pipelens-collector-es-bulk"));
    healthProbe = Executors.newSingleThreadScheduledExecutor(named("pipelens-collector-es-health"));
    bulkRuns = liveness.watchTasks(BULK_WORKER, workers);
    healthProbe.scheduleWithFixedDelay(liveness.watchTask(HEALTH_WORKER, this::probe), HEALTH_PROBE_INTERVAL.toMillis(),
        HEALTH_PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    flusher = new Thread(liveness.watch(FLUSHER_WORKER, this::flushLoop), "pipelens-collector-es-flusher");
    flusher.setDaemon(true);
    accepting = true;
    flusher.start();
  }

  @Override
  public CompletableFuture<Void> write(List<LogRecord> records) {
    if (!accepting) {
      return CompletableFuture.failedFuture(new SinkStoppedException("the Elasticsearch sink is stopped"));
    }
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    long receivedNanos = epochNanos(clock.instant());
    WriteAck ack = new WriteAck(records.size());
    List<PendingDocument> documents = new ArrayList<>(records.size());
    long bytes = 0;
    for (LogRecord record : records) {
      String id = DocumentIds.of(record);
      String dataStream = DataStreamName.of(config.indexPrefix(), record);
      PendingDocument document = new PendingDocument(dataStream, bodies.actionPrefix(dataStream), id,
          EcsDocument.json(record, receivedNanos, id), record, ack);
      documents.add(document);
      bytes += document.bulkBytes();
    }
    pendingBytes.addAndGet(bytes);
    pendingDocuments.addAndGet(documents.size());
    synchronized (lock) {
      if (buffer.isEmpty()) {
        firstBufferedNanos = System.nanoTime();
      }
      buffer.addAll(documents);
      bufferBytes += bytes;
      lock.notifyAll();
    }
    return ack.future();
  }

  @Override
  public boolean hasCapacity() {
    return accepting && pendingBytes.get() < maxPendingBytes && pendingDocuments.get() < maxPendingDocuments;
  }

  /** Whether Elasticsearch answered the last request or probe and the index template is in place. */
  public boolean isReachable() {
    return reachable && templateInstalled;
  }

  /** Why {@link #isReachable()} is false, for {@code /readyz}. */
  public String unreachableReason() {
    return templateInstalled ? unreachableReason : "index template not installed yet: " + unreachableReason;
  }

  @Override
  public void flush() {
    synchronized (lock) {
      if (!buffer.isEmpty()) {
        flushPending = buffer.size();
        lock.notifyAll();
      }
    }
  }

  private void flushLoop() {
    try {
      while (true) {
        // A worker first, then the batch: while every worker is busy documents gather into one
        // fuller request instead of small ones cut early and left waiting.
        workerPermits.acquire();
        List<PendingDocument> batch = nextBatch();
        if (batch == null) {
          workerPermits.release();
          return;
        }
        activeRequests.incrementAndGet();
        bulkRuns.execute(() -> {
          try {
            new BulkRun(batch).run();
          } finally {
            activeRequests.decrementAndGet();
            workerPermits.release();
          }
        });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (lock) {
        flusherDone = true;
        lock.notifyAll();
      }
    }
  }

  /**
   * Waits for a full request, the flush interval, a flush from the source or a drain; null once
   * drained and empty.
   */
  private List<PendingDocument> nextBatch() throws InterruptedException {
    BulkConfig bulk = config.bulk();
    synchronized (lock) {
      while (true) {
        if (buffer.isEmpty()) {
          if (draining) {
            return null;
          }
          lock.wait();
          continue;
        }
        long waited = System.nanoTime() - firstBufferedNanos;
        boolean full = buffer.size() >= bulk.maxActions() || bufferBytes >= bulk.maxSize().bytes();
        if (full || draining || flushPending > 0 || waited >= flushIntervalNanos) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, flushIntervalNanos - waited);
      }
      List<PendingDocument> batch = new ArrayList<>(Math.min(buffer.size(), bulk.maxActions()));
      long bytes = 0;
      while (!buffer.isEmpty() && batch.size() < bulk.maxActions()
          && (batch.isEmpty() || bytes + buffer.peekFirst().bulkBytes() <= bulk.maxSize().bytes())) {
        PendingDocument document = buffer.pollFirst();
        bytes += document.bulkBytes();
        batch.add(document);
      }
      bufferBytes -= bytes;
      firstBufferedNanos = System.nanoTime();
      // What is left of a flushed buffer goes out with the next free worker too.
      flushPending = Math.max(0, flushPending - batch.size());
      return batch;
    }
  }

  /** One bulk request, sent until every document in it is done. */
  private final class BulkRun {
    private List<PendingDocument> todo;
    private final Backoff backoff = new Backoff();

    BulkRun(List<PendingDocument> batch) {
      this.todo = batch;
    }

    void run() {
      while (!todo.isEmpty()) {
        if (givingUp) {
          abandon(todo);
          return;
        }
        try {
          if (!templateInstalled) {
            installTemplate();
          }
          BulkItems response = send(todo);
          markReachable();
          todo = settle(response);
          if (!todo.isEmpty()) {
            metrics.retries.increment();
            pause();
          } else {
            backoff.reset();
          }
        } catch (IOException | RuntimeException e) {
          // Connection refused, timeouts, 429, 5xx and bad credentials: all wait for Elasticsearch.
          markUnreachable(e);
          warnings.warn("bulk request of {} documents failed, retrying: {}", todo.size(), describe(e));
          metrics.retries.increment();
          pause();
        }
      }
    }

    private BulkItems send(List<PendingDocument> documents) throws IOException {
      Request request = new Request("POST", "/_bulk");
      request.addParameter("filter_path", BulkItems.FILTER_PATH);
      // An NIO entity: the async client writes it from the array, not through a 4 KiB stream copy.
      request.setEntity(new NByteArrayEntity(BulkBodies.body(documents), NDJSON));
      long begin = System.nanoTime();
      try {
        // Any status but 2xx is an exception: the whole request goes again, as for a lost connection.
        Response response = restClient.performRequest(request);
        try (InputStream body = response.getEntity().getContent()) {
          return BulkItems.read(body, documents.size());
        }
      } finally {
        metrics.bulkLatency.record(System.nanoTime() - begin, TimeUnit.NANOSECONDS);
      }
    }

    /** Finishes what is done or rejected; returns what to send again. */
    private List<PendingDocument> settle(BulkItems items) {
      List<PendingDocument> retry = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        int status = items.status(i);
        PendingDocument document = todo.get(i);
        switch (ItemOutcome.of(status)) {
          case CREATED -> {
            metrics.sent.increment(document.record);
            done(document);
          }
          case DUPLICATE -> {
            metrics.duplicates.increment();
            done(document);
          }
          case RETRY -> {
            document.attempts++;
            if (status != 429 && document.attempts >= MAX_ITEM_ATTEMPTS) {
              reject(document, errorType(status, items.error(i)), "gave up after " + document.attempts
                  + " attempts: " + reason(status, items.error(i)));
            } else {
              retry.add(document);
            }
          }
          case REJECT -> reject(document, errorType(status, items.error(i)), reason(status, items.error(i)));
        }
      }
      return retry;
    }

    private void reject(PendingDocument document, String type, String reason) {
      metrics.rejected(type, document.record);
      warnings.warn("Elasticsearch rejected a document for {}; dead-lettering it: {}", document.dataStream, reason);
      DeadLetter letter = new DeadLetter(CODEC.encode(List.of(document.record)), OtlpLogsCodec.CONTENT_TYPE,
          DeadLetter.INDEX, reason, document.dataStream, RecordLabels.computeType(document.record));
      Backoff dlqBackoff = new Backoff();
      while (!givingUp) {
        try {
          deadLetters.send(letter).get();
          done(document);
          return;
        } catch (ExecutionException e) {
          warnings.warn("cannot store a dead letter, retrying: {}", describe(e.getCause()));
          sleep(dlqBackoff.next());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      abandon(List.of(document));
    }

    private void pause() {
      sleep(backoff.next());
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      // stop() interrupts workers only when giving up; the loop sees givingUp next.
      Thread.currentThread().interrupt();
      givingUp = true;
    }
  }

  private void done(PendingDocument document) {
    pendingBytes.addAndGet(-document.bulkBytes());
    pendingDocuments.decrementAndGet();
    document.ack.documentDone();
  }

  private void abandon(List<PendingDocument> documents) {
    SinkStoppedException stopped = new SinkStoppedException(
        "the Elasticsearch sink stopped before it could store the records");
    for (PendingDocument document : documents) {
      pendingBytes.addAndGet(-document.bulkBytes());
      pendingDocuments.decrementAndGet();
      document.ack.fail(stopped);
    }
  }

  private void installTemplate() throws IOException {
    synchronized (template) {
      if (!templateInstalled) {
        template.install(restClient);
        templateInstalled = true;
        markReachable();
        log.info("installed index template {} for data streams {}-*.*-*", template.name(), config.indexPrefix());
      }
    }
  }

  private void probe() {
    try {
      if (!templateInstalled) {
        installTemplate();
      } else {
        client.cluster().health();
        markReachable();
      }
    } catch (IOException | RuntimeException e) {
      markUnreachable(e);
    }
  }

  private void markReachable() {
    if (!reachable) {
      reachable = true;
      log.info("Elasticsearch at {} is reachable", config.urls());
    }
  }

  private void markUnreachable(Throwable cause) {
    unreachableReason = describe(cause);
    if (reachable) {
      reachable = false;
      log.warn("Elasticsearch at {} is not reachable: {}", config.urls(), unreachableReason);
    }
  }

  /**
   * Stops taking writes, flushes the buffer and waits for requests in flight within {@code
   * deadline}; whatever is still not stored after it fails with {@link SinkStoppedException}, so
   * sources do not acknowledge it.
   */
  @Override
  public void stop(Duration deadline) {
    long end = System.nanoTime() + Math.min(deadline.toNanos(), Long.MAX_VALUE / 2);
    accepting = false;
    Thread currentFlusher = flusher;
    synchronized (lock) {
      draining = true;
      lock.notifyAll();
      if (currentFlusher != null) {
        try {
          while ((!flusherDone || activeRequests.get() > 0) && System.nanoTime() < end) {
            lock.wait(50);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    givingUp = true;
    if (currentFlusher != null) {
      currentFlusher.interrupt();
    }
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<PendingDocument> left;
    synchronized (lock) {
      left = new ArrayList<>(buffer);
      buffer.clear();
      bufferBytes = 0;
    }
    abandon(left);
    if (healthProbe != null) {
      healthProbe.shutdownNow();
    }
    if (restClient != null) {
      try {
        restClient.close();
      } catch (IOException e) {
        log.warn("closing the Elasticsearch client failed: {}", e.getMessage());
      }
    }
  }

  private static String errorType(int status, ItemError error) {
    return error != null && error.type() != null ? error.type() : "http_" + status;
  }

  /** Elasticsearch's error with its cause, such as {@code mapper_parsing_exception: failed to parse ...}. */
  static String reason(int status, ItemError error) {
    if (error == null) {
      return "status " + status;
    }
    StringBuilder reason = new StringBuilder("status ").append(status).append(": ")
        .append(error.type()).append(": ").append(error.reason());
    if (error.causeType() != null || error.causeReason() != null) {
      reason.append(" (caused by ").append(error.causeType()).append(": ").append(error.causeReason()).append(')');
    }
    return reason.toString();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
