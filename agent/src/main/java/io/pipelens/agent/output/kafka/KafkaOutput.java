package io.pipelens.agent.output.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.OutputStoppedException;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.output.internal.Backoff;
import io.pipelens.agent.output.internal.BatchDelivery;
import io.pipelens.agent.output.internal.ByteBudget;
import io.pipelens.agent.output.internal.OutputMetrics;
import io.pipelens.agent.output.internal.OutputThreads;
import io.pipelens.agent.output.internal.PendingDeliveries;
import io.pipelens.agent.output.internal.RateLimitedLog;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.runtime.liveness.Liveness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches to Kafka as OTLP protobuf, at least once, with one idempotent producer.
 *
 * <p><b>Threads.</b> {@link #send} encodes on the caller's thread (one Kafka record per topic and
 * job, see {@link KafkaMessages}), takes the encoded size from the byte budget, blocking while it
 * is spent, and queues the records. The worker thread {@code pipelens-agent-output-<name>} is the
 * only one that calls {@code producer.send}, which may block for {@code max.block.ms} while the
 * cluster is unreachable; the producer's callbacks only queue or acknowledge, and stages complete
 * on {@code pipelens-agent-output-<name>-ack-1}.
 *
 * <p><b>Failures.</b> The producer retries on its own, in order, until {@code delivery_timeout}.
 * Whatever fails after that (a timeout, an authorization error, a fatal producer state) is resent
 * by the worker after a backoff of 100 ms to 10 s with full jitter, forever: nothing is dropped.
 * While resends are pending no new records go out, so records of one job keep their order, except
 * that records sent before a failure was reported may land before the resent ones. A resent record
 * may also be a duplicate of one the broker did write. At-least-once allows both; consumers
 * de-duplicate on {@code log.file.path}, {@code log.offset} and {@code k8s.pod.uid}. A record the
 * broker refuses as too large is split in halves and resent; a single log record too large for
 * Kafka is the one thing given up on, counted in {@code rejected_records_total} and logged as an
 * error. A producer in a fatal state is closed and replaced.
 */
public final class KafkaOutput implements Output {

  private static final Logger log = LoggerFactory.getLogger(KafkaOutput.class);

  /** The gauge of the producer's {@code batch.size} in use, lowered to the topics' limit. */
  public static final String BATCH_SIZE_METRIC = "pipelens.agent.output.kafka.batch.size";

  private static final Duration RETRY_INITIAL_BACKOFF = Duration.ofMillis(100);
  private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 100;
  private static final long NOT_SCHEDULED = Long.MIN_VALUE;
  private static final Header CONTENT_TYPE =
      new RecordHeader("content-type", OtlpLogsCodec.CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII));

  private final String name;
  private final KafkaOutputConfig config;
  private final KafkaMessages planner;
  private final ByteBudget budget;
  private final OutputMetrics metrics;
  private final RateLimitedLog failureLog = new RateLimitedLog(log, 10);
  private final PendingDeliveries pending = new PendingDeliveries();
  private final BlockingQueue<KafkaMessage> fresh = new LinkedBlockingQueue<>();
  private final PriorityBlockingQueue<KafkaMessage> retries =
      new PriorityBlockingQueue<>(16, KafkaMessage.ORDER);
  private final ExecutorService completer;
  private final Liveness liveness;

  private final Object intakeLock = new Object();
  private boolean accepting = true; // guarded by intakeLock
  private long nextSequence; // guarded by intakeLock

  private final Object lifecycleLock = new Object();
  private boolean started; // guarded by lifecycleLock
  private boolean stopped; // guarded by lifecycleLock
  private Map<String, Object> producerSettings; // set by start
  private TopicSizeLimits topicLimits; // set by start
  private Thread worker; // set by start

  private volatile Producer<byte[], byte[]> producer;
  private volatile boolean replaceProducer;
  private volatile boolean ackedSinceLastRetry;
  private volatile boolean aborting; // stop's deadline passed: failures end deliveries
  private volatile boolean workerStop;
  private volatile int batchSize; // the batch.size for the producer

  // Worker thread only.
  private final Backoff backoff = new Backoff(RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF);
  private long retryAtNanos = NOT_SCHEDULED;

  private KafkaOutput(String name, KafkaOutputConfig config, MeterRegistry registry, Liveness liveness) {
    this.name = requireName(name);
    this.config = Objects.requireNonNull(config, "config");
    this.planner = new KafkaMessages(config, new OtlpLogsCodec());
    this.budget = new ByteBudget(name, config.maxPending().bytes());
    this.metrics = new OutputMetrics(Objects.requireNonNull(registry, "registry"), name, budget::used);
    this.completer = Executors.newSingleThreadExecutor(OutputThreads.helpers(name, "ack"));
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.batchSize = (int) config.batchSize().bytes();
    Gauge.builder(BATCH_SIZE_METRIC, this, output -> output.batchSize)
        .description(
            "The producer's batch.size: batch_size, or the smallest max.message.bytes of the"
                + " output's topics when that is lower")
        .baseUnit("bytes")
        .tag("output", this.name)
        .register(registry);
  }

  /**
   * A Kafka output named {@code name} (its metrics tag and thread names); call {@link #start()}
   * before {@link #send}. Its worker reports to {@code liveness} as {@code agent.output.kafka.<name>}
   * when it stops for good.
   */
  public static KafkaOutput create(String name, KafkaOutputConfig config, MeterRegistry registry,
      Liveness liveness) {
    return new KafkaOutput(name, config, registry, liveness);
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
      producerSettings = ProducerSettings.of(config);
      topicLimits = new TopicSizeLimits(name, producerSettings);
      producer = newProducer();
      worker = OutputThreads.worker("kafka", name, liveness, this::work);
      worker.start();
    }
    log.info(
        "{} output: writing to Kafka at {}, topics {}, {} compression, at least once (acks=all, idempotent)",
        name, String.join(",", config.brokers()), config.topics(), config.compression());
  }

  @Override
  public CompletionStage<Void> send(RecordBatch batch) throws InterruptedException {
    Objects.requireNonNull(batch, "batch");
    if (batch.records().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    if (!isAccepting()) {
      return CompletableFuture.failedFuture(notAccepting());
    }
    List<KafkaMessages.Encoded> parts = planner.plan(batch.records());
    long bytes = 0;
    for (KafkaMessages.Encoded part : parts) {
      bytes += part.value().length;
    }
    try {
      budget.acquire(bytes);
    } catch (OutputStoppedException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (intakeLock) {
      if (!accepting) {
        budget.release(bytes);
        return CompletableFuture.failedFuture(notAccepting());
      }
      BatchDelivery delivery = new BatchDelivery(parts.size(), metrics, completer);
      pending.add(delivery);
      for (KafkaMessages.Encoded part : parts) {
        fresh.add(
            new KafkaMessage(
                part.topic(), part.key(), part.records().size(), part.value(), delivery, nextSequence++, ""));
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
    aborting = true;
    workerStop = true;
    OutputThreads.stopWorker(worker, end);
    if (topicLimits != null) {
      topicLimits.close();
    }
    Producer<byte[], byte[]> last = producer;
    if (last != null) {
      // Aborts what is still unacknowledged; the callbacks fail those deliveries.
      closeQuietly(last, remaining(end));
    }
    int unfinished = pending.size();
    pending.failAll(
        new OutputStoppedException(
            name + " output stopped before Kafka acknowledged the batch; its records are read"
                + " again after a restart"));
    completer.shutdown();
    try {
      completer.awaitTermination(Math.max(100, remaining(end).toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (flushed) {
      log.info("{} output: stopped; every batch was acknowledged", name);
    } else {
      log.warn(
          "{} output: stopped with {} batches not acknowledged within the deadline; their"
              + " records will be read and sent again after a restart",
          name, unfinished);
    }
  }

  // --- the worker thread ---

  private void work() {
    try {
      while (!workerStop) {
        keepBatchesWithinTopicLimits();
        if (replaceProducer) {
          replaceProducer();
        } else if (!retries.isEmpty()) {
          resendWhenDue();
        } else {
          KafkaMessage message = fresh.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (message != null) {
            dispatch(message);
          }
        }
      }
    } catch (InterruptedException e) {
      // stop() interrupts; what is left is failed there.
    }
    // Anything else ends the worker for good: Liveness logs it and fails /healthz, so the agent
    // is restarted and the unacknowledged records are read again.
  }

  /** The topics' limits as this output knows them; for tests. */
  TopicSizeLimits topicLimits() {
    return topicLimits;
  }

  /**
   * Lowers the producer's batch.size to the smallest max.message.bytes of the topics once it is
   * known ({@link TopicSizeLimits} says why), replacing the producer; what it had not sent is
   * resent through the new one.
   */
  private void keepBatchesWithinTopicLimits() {
    Map.Entry<String, Integer> smallest = topicLimits.smallest();
    if (smallest == null || smallest.getValue() >= batchSize) {
      return;
    }
    int limit = smallest.getValue();
    log.warn(
        "{} output: topic {} takes at most {} bytes per batch (max.message.bytes), less than"
            + " batch_size ({} bytes); sending with batch.size {} from now on (set batch_size"
            + " within the topics' limit to avoid replacing the producer)",
        name, smallest.getKey(), limit, batchSize, limit);
    batchSize = limit;
    producerSettings.put(ProducerConfig.BATCH_SIZE_CONFIG, limit);
    replaceProducer = true;
  }

  /** Resends every failed record in original order once the backoff has passed. */
  private void resendWhenDue() throws InterruptedException {
    long now = System.nanoTime();
    if (retryAtNanos == NOT_SCHEDULED) {
      if (ackedSinceLastRetry) {
        backoff.reset();
        ackedSinceLastRetry = false;
      }
      retryAtNanos = now + backoff.next().toNanos();
    }
    long wait = retryAtNanos - now;
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
      return;
    }
    retryAtNanos = NOT_SCHEDULED;
    List<KafkaMessage> due = new ArrayList<>();
    retries.drainTo(due);
    due.sort(KafkaMessage.ORDER);
    for (KafkaMessage message : due) {
      if (message.splitBeforeResend) {
        for (KafkaMessage half : split(message)) {
          metrics.retried();
          dispatch(half);
        }
      } else {
        metrics.retried();
        dispatch(message);
      }
    }
  }

  private void dispatch(KafkaMessage message) throws InterruptedException {
    topicLimits.written(message.topic);
    message.attempts++;
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(message.topic, null, message.key, message.value(), List.of(CONTENT_TYPE));
    try {
      // Errors of the record itself (timeouts, too large) come back through the callback, also
      // when send() fails at once; what is thrown is about the producer or the thread.
      producer.send(record, (metadata, failure) -> completed(message, failure));
    } catch (InterruptException e) {
      retries.add(message);
      throw new InterruptedException("interrupted in producer.send");
    } catch (KafkaException | IllegalStateException e) {
      failed(message, e);
      replaceProducer = true;
    }
  }

  private void replaceProducer() throws InterruptedException {
    Producer<byte[], byte[]> old = producer;
    log.warn(
        "{} output: replacing the Kafka producer; unacknowledged records are resent", name);
    // Its unacknowledged records come back through their callbacks and are queued for resending.
    closeQuietly(old, Duration.ZERO);
    try {
      producer = newProducer();
      replaceProducer = false;
    } catch (KafkaException e) {
      failureLog.warn(name + " output: could not create a new Kafka producer: " + e.getMessage(), e);
      TimeUnit.NANOSECONDS.sleep(backoff.next().toNanos());
    }
  }

  private List<KafkaMessage> split(KafkaMessage message) {
    List<KafkaMessages.Encoded> halves = planner.halves(message.topic, message.key, message.value());
    message.done(); // its halves are sent instead
    message.delivery.addParts(halves.size() - 1);
    budget.release(message.bytes());
    List<KafkaMessage> parts = new ArrayList<>(halves.size());
    for (int i = 0; i < halves.size(); i++) {
      KafkaMessages.Encoded half = halves.get(i);
      budget.force(half.value().length);
      parts.add(
          new KafkaMessage(
              half.topic(), half.key(), half.records().size(), half.value(), message.delivery,
              message.sequence, message.splitPath + String.format("%04d", i)));
    }
    return parts;
  }

  // --- callbacks, on the producer's I/O thread or in send() ---

  private void completed(KafkaMessage message, Exception failure) {
    if (failure == null) {
      message.done();
      budget.release(message.bytes());
      ackedSinceLastRetry = true;
      message.delivery.partDelivered(message.recordCount, message.bytes());
      return;
    }
    if (aborting) {
      message.done();
      budget.release(message.bytes());
      message.delivery.fail(
          new OutputStoppedException(
              name + " output stopped before Kafka acknowledged a record for topic "
                  + message.topic, failure));
      return;
    }
    if (failure instanceof RecordTooLargeException) {
      tooLarge(message, (RecordTooLargeException) failure);
      return;
    }
    if (isFatalForProducer(failure)) {
      replaceProducer = true;
    }
    failed(message, failure);
  }

  private void failed(KafkaMessage message, Exception failure) {
    metrics.failed(failure.getClass().getSimpleName());
    String what =
        failure instanceof TimeoutException
            ? "was not acknowledged in time (" + failure.getMessage() + ")"
            : "failed: " + failure;
    failureLog.warn(
        name + " output: a record for topic " + message.topic + " " + what + "; attempt "
            + message.attempts + ", resending it after a backoff (nothing is dropped; a resend"
            + " may arrive after later records or twice)",
        null);
    retries.add(message);
  }

  private void tooLarge(KafkaMessage message, RecordTooLargeException failure) {
    metrics.failed(failure.getClass().getSimpleName());
    if (message.recordCount > 1) {
      log.info(
          "{} output: Kafka refused a record of {} bytes ({} log records) for topic {} as too"
              + " large; splitting it (lower max_request_size to the brokers' message.max.bytes to"
              + " avoid this)",
          name, message.bytes(), message.recordCount, message.topic);
      message.splitBeforeResend = true;
      retries.add(message);
      return;
    }
    log.error(
        "{} output: dropping a log record of {} encoded bytes: Kafka refuses it as too large for"
            + " topic {} ({}); raise max_request_size and the topic's max.message.bytes, or lower"
            + " the agent's maximum record size",
        name, message.bytes(), message.topic, failure.getMessage());
    message.done();
    budget.release(message.bytes());
    message.delivery.partRejected(1);
  }

  private static boolean isFatalForProducer(Exception failure) {
    return failure instanceof ProducerFencedException
        || failure instanceof InvalidProducerEpochException
        || failure instanceof OutOfOrderSequenceException
        || failure instanceof UnknownProducerIdException
        || failure instanceof UnsupportedVersionException
        || failure instanceof ClusterAuthorizationException;
  }

  // --- helpers ---

  private Producer<byte[], byte[]> newProducer() {
    try {
      return new KafkaProducer<>(producerSettings);
    } catch (org.apache.kafka.common.config.ConfigException e) {
      throw new IllegalArgumentException(
          name + " output: the Kafka producer refused its configuration: " + e.getMessage(), e);
    }
  }

  private boolean isAccepting() {
    synchronized (intakeLock) {
      return accepting;
    }
  }

  private OutputStoppedException notAccepting() {
    return new OutputStoppedException(name + " output is stopped and takes no more records");
  }

  private void closeQuietly(Producer<byte[], byte[]> target, Duration timeout) {
    try {
      target.close(timeout);
    } catch (RuntimeException e) {
      log.warn("{} output: closing the Kafka producer failed", name, e);
    }
  }

  private static Duration remaining(long endNanos) {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an output needs a name, got " + (name == null ? "null" : "a blank one"));
    }
    return name;
  }
}
