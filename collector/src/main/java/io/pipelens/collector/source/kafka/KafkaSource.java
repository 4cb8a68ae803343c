package io.pipelens.collector.source.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.deadletter.DeadLetter;
import io.pipelens.collector.deadletter.DeadLetterQueue;
import io.pipelens.collector.normalize.RecordNormalizer;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.core.codec.CodecException;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.LogRecord;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads OTLP protobuf {@code ExportLogsServiceRequest}s from Kafka as a consumer group: what
 * pipelens agents write, and what the OpenTelemetry Collector's Kafka exporter writes with {@code
 * encoding: otlp_proto}.
 *
 * <p><b>At least once.</b> Auto-commit is off. Each message's records go to the sink; the message
 * is acknowledged when the sink has stored (or dead-lettered) all of them. Per partition the
 * committed offset is one past the highest offset acknowledged together with every offset before
 * it, committed about every {@value #COMMIT_INTERVAL_MS} ms, when a partition is revoked (what is
 * acknowledged, then its in-flight state is dropped) and at stop. Redelivered messages become
 * version conflicts in Elasticsearch, thanks to deterministic document ids, not duplicates.
 *
 * <p><b>Bad messages.</b> A message that is not a valid batch goes to the dead letter queue with
 * the decoder's reason and counts in {@code pipelens_collector_kafka_undecodable_messages_total};
 * it is acknowledged once the queue has it. An empty value (a tombstone) is skipped.
 *
 * <p><b>Backpressure.</b> While the sink has no capacity every assigned partition is paused, and
 * the consumer goes on polling so it stays in the group; at most one poll's messages ({@code
 * max_poll_records}) go beyond the sink's limit.
 *
 * <p>One thread, {@code pipelens-collector-kafka}, owns the consumer.
 */
public final class KafkaSource implements Service {

  static final long COMMIT_INTERVAL_MS = 500;
  private static final Logger log = LoggerFactory.getLogger(KafkaSource.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final long LAG_INTERVAL_MS = 1000;

  private final KafkaSourceConfig config;
  private final RecordSink sink;
  private final DeadLetterQueue deadLetters;
  private final KafkaSourceMetrics metrics;
  private final Map<String, Object> properties;
  private final OtlpLogsCodec codec = new OtlpLogsCodec();
  private final RecordNormalizer normalizer = RecordNormalizer.forKafka();

  // Consumer thread only.
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private KafkaConsumer<byte[], byte[]> consumer;
  private boolean paused;
  private long lastCommitMs;
  private long lastLagMs;

  private volatile boolean running;
  private volatile long stopDeadlineNanos;
  private Thread thread;
  private final Liveness liveness;

  /** The consumer loop in {@link Liveness}; it retries the consumer's failures, so only an {@link Error} ends it. */
  public static final String WORKER = "collector.source.kafka";

  /** A source for {@code config}, not yet started; its consumer loop reports to {@code liveness}. */
  public KafkaSource(KafkaSourceConfig config, RecordSink sink, DeadLetterQueue deadLetters, MeterRegistry registry,
      Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.metrics = new KafkaSourceMetrics(registry);
    this.properties = KafkaConnection.properties(config);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipelens-collector");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A new group starts at the beginning: what agents wrote before the first collector is kept.
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
    properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
    properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.heartbeatInterval().toMillis());
    // Rebalances move only the partitions that change owner; the others keep flowing.
    properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
  }

  @Override
  public String name() {
    return "kafka-source";
  }

  @Override
  public void start() {
    consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(config.topics(), new Rebalance());
    running = true;
    thread = new Thread(liveness.watch(WORKER, this::run), "pipelens-collector-kafka");
    thread.setDaemon(true);
    thread.start();
    log.info("consuming {} from {} as group {}", config.topics(), config.brokers(), config.groupId());
  }

  private void run() {
    try {
      while (running) {
        try {
          applyBackpressure();
          ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
          for (ConsumerRecord<byte[], byte[]> record : records) {
            handle(record);
          }
          if (!records.isEmpty() && records.count() < config.maxPollRecords()) {
            // Caught up with the partitions: what the sink holds need not wait for more.
            sink.flush();
          }
          long now = System.currentTimeMillis();
          if (now - lastCommitMs >= COMMIT_INTERVAL_MS) {
            lastCommitMs = now;
            commitAsync();
          }
          if (now - lastLagMs >= LAG_INTERVAL_MS) {
            lastLagMs = now;
            for (TopicPartition partition : consumer.assignment()) {
              metrics.lag(partition, consumer.currentLag(partition));
            }
          }
        } catch (WakeupException e) {
          // stop() woke the poll; the loop condition decides.
        } catch (RuntimeException e) {
          log.error("Kafka consumer failed; retrying in 1 s: {}", e.getMessage(), e);
          pauseQuietly(Duration.ofSeconds(1));
        }
      }
    } finally {
      finish();
    }
  }

  private void applyBackpressure() {
    if (!sink.hasCapacity()) {
      // Every time, not once: partitions assigned since the last call start unpaused.
      consumer.pause(consumer.assignment());
      if (!paused) {
        paused = true;
        log.info("sink is full or down; pausing {} partitions", consumer.assignment().size());
      }
    } else if (paused) {
      paused = false;
      consumer.resume(consumer.paused());
      log.info("sink has room again; resuming consumption");
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> message) {
    TopicPartition partition = new TopicPartition(message.topic(), message.partition());
    PartitionProgress partitionProgress = progress.computeIfAbsent(partition, tp -> new PartitionProgress());
    long offset = message.offset();
    partitionProgress.polled(offset);
    byte[] value = message.value();
    if (value == null) {
      partitionProgress.acknowledged(offset);
      return;
    }
    List<LogRecord> records;
    try {
      records = codec.decode(value);
    } catch (CodecException e) {
      metrics.undecodable.increment();
      String origin = message.topic() + "/" + message.partition() + "@" + offset;
      log.warn("message {} is not an OTLP protobuf batch; dead-lettering it: {}", origin, e.getMessage());
      deadLetters.send(new DeadLetter(value, OtlpLogsCodec.CONTENT_TYPE, DeadLetter.DECODE, e.getMessage(), origin,
          KafkaSourceMetrics.COMPUTE_TYPE))
          .whenComplete((ok, error) -> acknowledgeOrKeep(partitionProgress, offset, origin, error));
      return;
    }
    List<LogRecord> normalized = normalizer.normalize(records);
    metrics.received.count(normalized);
    CompletableFuture<Void> stored = sink.write(normalized);
    stored.whenComplete((ok, error) -> acknowledgeOrKeep(partitionProgress, offset, null, error));
  }

  private static void acknowledgeOrKeep(PartitionProgress partition, long offset, String deadLetterOrigin,
      Throwable error) {
    if (error == null) {
      partition.acknowledged(offset);
    } else if (deadLetterOrigin != null) {
      // Not acknowledged, so the partition's commits stop here and the message is read again
      // after a restart or rebalance; dropping it would lose it without a trace.
      log.error("cannot dead-letter message {}; it stays uncommitted: {}", deadLetterOrigin, error.getMessage());
    }
    // A sink failure only happens when the sink stops; the records are read again next time.
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionProgress partitionProgress = progress.get(partition);
      long offset = partitionProgress == null ? -1 : partitionProgress.toCommit();
      if (offset >= 0) {
        offsets.put(partition, new OffsetAndMetadata(offset));
      }
    }
    return offsets;
  }

  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(progress.keySet());
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(offsets, (committed, error) -> {
      if (error != null) {
        log.warn("committing offsets failed; the next commit carries them: {}", error.getMessage());
        return;
      }
      committed.forEach((partition, offset) -> {
        PartitionProgress partitionProgress = progress.get(partition);
        if (partitionProgress != null) {
          partitionProgress.markCommitted(offset.offset());
        }
      });
    });
  }

  private void commitSync(Collection<TopicPartition> partitions, Duration timeout) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      try {
        consumer.commitSync(offsets, timeout);
      } catch (WakeupException e) {
        // The wakeup stop() sent may land here instead of in poll; the commit still has to happen.
        consumer.commitSync(offsets, timeout);
      }
      offsets.forEach((partition, offset) -> progress.get(partition).markCommitted(offset.offset()));
    } catch (RuntimeException e) {
      log.warn("committing offsets {} failed; those records will be read again: {}", offsets, e.getMessage());
    }
  }

  /** Waits for in-flight records until the stop deadline, commits what is acknowledged, closes. */
  private void finish() {
    try {
      while (System.nanoTime() - stopDeadlineNanos < 0 && inFlight() > 0) {
        pauseQuietly(Duration.ofMillis(20));
      }
      int left = inFlight();
      if (left > 0) {
        log.warn("stopping with {} Kafka messages not yet stored; they will be read again", left);
      }
      commitSync(progress.keySet(), Duration.ofSeconds(5));
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private int inFlight() {
    int n = 0;
    for (PartitionProgress partitionProgress : progress.values()) {
      n += partitionProgress.inFlight();
    }
    return n;
  }

  /** Stops polling, waits up to {@code deadline} for what is in flight, and commits it. */
  @Override
  public void stop(Duration deadline) {
    Thread current = thread;
    if (current == null || !running) {
      return;
    }
    stopDeadlineNanos = System.nanoTime() + Math.min(deadline.toNanos(), Long.MAX_VALUE / 4);
    running = false;
    consumer.wakeup();
    try {
      current.join(deadline.plusSeconds(6).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (current.isAlive()) {
      log.error("the Kafka consumer thread did not stop in time");
    }
  }

  private static void pauseQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits a revoked partition's acknowledged offsets, then forgets it. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      commitSync(partitions, Duration.ofSeconds(5));
      forget(partitions);
      log.info("partitions revoked: {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Another consumer may own them already; committing now would be wrong.
      forget(partitions);
      log.warn("partitions lost: {}", partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      log.info("partitions assigned: {}", partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        progress.remove(partition);
        metrics.forget(partition);
      }
    }
  }
}
