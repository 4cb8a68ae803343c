package io.pipelens.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.source.Checkpoints;
import io.pipelens.agent.source.FileIdentity;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Stream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordPipelineTest {

  private static final SourceFile FILE_A = file("a", 1);
  private static final SourceFile FILE_B = file("b", 2);

  private final MapCheckpoints checkpoints = new MapCheckpoints();
  private RecordPipeline pipeline;

  @AfterEach
  void stop() {
    if (pipeline != null) {
      pipeline.stop(Duration.ZERO);
    }
  }

  private RecordPipeline start(PipelineConfig config, Output... outputs) {
    pipeline = new RecordPipeline(config, List.of(outputs), checkpoints, new SimpleMeterRegistry());
    pipeline.start();
    return pipeline;
  }

  private static PipelineConfig batchesOf(int records) {
    return new PipelineConfig(null, records, null, Duration.ofHours(1), null, null);
  }

  @Test
  void aCheckpointMovesOnlyOverTheAcknowledgedPrefixOfAFile() throws Exception {
    ManualOutput output = new ManualOutput();
    start(batchesOf(2), output);
    for (int i = 0; i < 6; i++) {
      pipeline.emit(FILE_A, record(i), (i + 1) * 10L, 100);
    }
    output.awaitBatches(3);

    output.complete(1); // the second batch first: records 2-3 end at 40, but 0-1 are not acknowledged
    assertThat(checkpoints.offset(FILE_A.identity())).isEmpty();

    output.complete(0);
    awaitCheckpoint(FILE_A, 40);

    output.complete(2);
    awaitCheckpoint(FILE_A, 60);
    assertThat(pipeline.filesWaiting()).isZero();
  }

  @Test
  void everyOutputMustAcknowledgeBeforeTheCheckpointMoves() throws Exception {
    ManualOutput kafka = new ManualOutput();
    ManualOutput file = new ManualOutput();
    start(batchesOf(1), kafka, file);
    pipeline.emit(FILE_A, record(0), 10, 100);
    kafka.awaitBatches(1);
    file.awaitBatches(1);

    kafka.complete(0);
    assertThat(checkpoints.offset(FILE_A.identity())).isEmpty();
    file.complete(0);
    awaitCheckpoint(FILE_A, 10);
  }

  @Test
  void filesAdvanceIndependently() throws Exception {
    ManualOutput output = new ManualOutput();
    start(batchesOf(1), output);
    pipeline.emit(FILE_A, record(0), 10, 100);
    pipeline.emit(FILE_B, record(1), 7, 100);
    output.awaitBatches(2);

    output.complete(1);
    awaitCheckpoint(FILE_B, 7);
    assertThat(checkpoints.offset(FILE_A.identity())).isEmpty();
  }

  @Test
  void aFailedBatchNeverMovesTheCheckpointButFreesItsMemory() throws Exception {
    ManualOutput output = new ManualOutput();
    start(new PipelineConfig(DataSize.ofMebibytes(1), 1, null, Duration.ofHours(1), null, null), output);
    pipeline.emit(FILE_A, record(0), 10, 600_000);
    output.awaitBatches(1);
    output.fail(0);
    pipeline.emit(FILE_A, record(1), 20, 600_000); // would block forever if the failure kept its bytes
    output.awaitBatches(2);
    output.complete(1);
    assertThat(checkpoints.offset(FILE_A.identity())).isEmpty();
  }

  @Test
  void readersBlockWhileTheMemoryBudgetIsSpent() throws Exception {
    ManualOutput output = new ManualOutput();
    start(new PipelineConfig(DataSize.ofMebibytes(1), 1, DataSize.ofBytes(1000), Duration.ofHours(1), null, null), output);
    pipeline.emit(FILE_A, record(0), 10, 700_000);
    output.awaitBatches(1);

    AtomicBoolean emitted = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      try {
        pipeline.emit(FILE_A, record(1), 20, 700_000);
        emitted.set(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    reader.start();
    reader.join(300);
    assertThat(emitted).as("blocked while 700 KB of 1 MiB are unacknowledged").isFalse();

    output.complete(0);
    reader.join(5_000);
    assertThat(emitted).isTrue();
  }

  @Test
  void dropNewestDropsOnceTheBudgetStaysSpentAndTheCheckpointMovesPastTheDroppedRecords() throws Exception {
    ManualOutput output = new ManualOutput();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    pipeline = new RecordPipeline(new PipelineConfig(DataSize.ofMebibytes(1), 1, DataSize.ofBytes(1000),
        Duration.ofMillis(20), PipelineConfig.WhenFull.DROP_NEWEST, Duration.ofMillis(200)),
        List.of(output), checkpoints, registry);
    pipeline.start();
    pipeline.emit(FILE_A, record(0), 10, 700_000);
    output.awaitBatches(1);

    long start = System.nanoTime();
    pipeline.emit(FILE_A, record(1), 20, 700_000); // waits block_timeout, then is dropped
    long firstDrop = System.nanoTime() - start;
    start = System.nanoTime();
    pipeline.emit(FILE_A, record(2), 30, 700_000); // the budget is still spent: dropped at once
    pipeline.emit(FILE_B, record(3), 5, 700_000);
    long nextDrops = System.nanoTime() - start;
    assertThat(Duration.ofNanos(firstDrop)).isBetween(Duration.ofMillis(190), Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(nextDrops)).isLessThan(Duration.ofMillis(100));
    assertThat(registry.get("pipelens.agent.pipeline.dropped.records").counter().count()).isEqualTo(3);
    assertThat(registry.get("pipelens.agent.pipeline.dropped").counter().count()).isEqualTo(2_100_000);

    Thread.sleep(100); // the dropped offsets are sealed into a batch of their own, which waits its turn
    assertThat(checkpoints.offset(FILE_A.identity())).as("record 0 is not acknowledged yet").isEmpty();
    awaitOffset(FILE_B, 5); // no earlier record of b waits for an acknowledgement
    output.complete(0);
    awaitOffset(FILE_A, 30);
    assertThat(output.batches).as("dropped records are never sent").hasSize(1);

    pipeline.emit(FILE_A, record(4), 40, 700_000); // the budget is free again: sent
    output.awaitBatches(2);
    assertThat(output.batches.get(1).records()).extracting(LogRecord::body).hasSize(1);
    output.complete(1);
    awaitOffset(FILE_A, 40);
    assertThat(registry.get("pipelens.agent.pipeline.dropped.records").counter().count()).isEqualTo(3);
  }

  @Test
  void blockIsTheDefaultAndDropNewestIsChosenInYaml() throws Exception {
    assertThat(PipelineConfig.defaults().whenFull()).isEqualTo(PipelineConfig.WhenFull.BLOCK);
    assertThat(PipelineConfig.defaults().blockTimeout()).isEqualTo(Duration.ofSeconds(1));
    PipelineConfig config = io.pipelens.core.config.ConfigLoader.create(Map.of())
        .parse("when_full: drop_newest\nblock_timeout: 250ms\n", "test", PipelineConfig.class);
    assertThat(config.whenFull()).isEqualTo(PipelineConfig.WhenFull.DROP_NEWEST);
    assertThat(config.blockTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  private void awaitOffset(SourceFile file, long offset) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (checkpoints.offset(file.identity()).orElse(-1) != offset) {
      assertThat(System.nanoTime()).as("waiting for " + file.path() + " at " + offset + ", at "
          + checkpoints.offset(file.identity())).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void aPartialBatchIsSentAfterTheFlushInterval() throws Exception {
    ManualOutput output = new ManualOutput();
    start(new PipelineConfig(null, 1000, null, Duration.ofMillis(50), null, null), output);
    pipeline.emit(FILE_A, record(0), 10, 100);
    output.awaitBatches(1);
    assertThat(output.batches.get(0).records()).hasSize(1);
  }

  @Test
  void batchesBegunAfterAQuietSpellOrAfterOneSealedWhenFullAreSentAfterTheFlushInterval() throws Exception {
    ManualOutput output = new ManualOutput();
    start(new PipelineConfig(null, 2, null, Duration.ofMillis(100), null, null), output);
    pipeline.emit(FILE_A, record(0), 10, 100);
    output.awaitBatches(1);
    Thread.sleep(400); // nothing to flush for a while: the flusher waits for the next batch
    pipeline.emit(FILE_A, record(1), 20, 100);
    output.awaitBatches(2);
    pipeline.emit(FILE_A, record(2), 30, 100);
    pipeline.emit(FILE_A, record(3), 40, 100); // full, sealed at once, unless the timer came first
    pipeline.emit(FILE_A, record(4), 50, 100); // left for the timer either way
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (output.batches.stream().mapToInt(batch -> batch.records().size()).sum() < 5) {
      assertThat(System.nanoTime()).as("waiting for the last partial batch").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(output.batches).extracting(batch -> batch.records().size()).startsWith(1, 1)
        .allSatisfy(size -> assertThat(size).isBetween(1, 2));
    assertThat(output.batches.stream().flatMap(batch -> batch.records().stream()).map(LogRecord::body))
        .containsExactly(record(0).body(), record(1).body(), record(2).body(), record(3).body(), record(4).body());
  }

  @Test
  void stopSendsWhatIsLeftAndWaitsForItsAcknowledgement() throws Exception {
    AutoAckOutput output = new AutoAckOutput();
    start(batchesOf(1000), output);
    pipeline.emit(FILE_A, record(0), 10, 100);
    pipeline.emit(FILE_A, record(1), 20, 100);
    pipeline.stop(Duration.ofSeconds(5));
    assertThat(output.records).hasSize(2);
    assertThat(checkpoints.offset(FILE_A.identity())).hasValue(20);
  }

  /**
   * The acknowledgement reaches the checkpoint on whichever thread completes last, possibly the
   * dispatcher's just after the test completed a stage, so wait for it a little.
   */
  private void awaitCheckpoint(SourceFile file, long offset) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (checkpoints.offset(file.identity()).orElse(-1) != offset && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(checkpoints.offset(file.identity())).hasValue(offset);
  }

  private static SourceFile file(String name, long inode) {
    return new SourceFile("test", Path.of("/logs/" + name + ".log"), new FileIdentity(1, inode, 0),
        Stream.ENGINE, SourceFile.LineFormat.RAW);
  }

  private static LogRecord record(int n) {
    return LogRecord.builder().body("line " + n).build();
  }

  /** An output whose acknowledgements the test gives by hand, batch by batch. */
  @Test
  void aBatchWaitingForAcknowledgementNoLongerHoldsItsRecords() throws Exception {
    // An output done with the records (the file output, once it has encoded them) lets them go
    // while its batch waits for the acknowledgement: the pipeline keeps the count and offsets only.
    List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
    List<java.lang.ref.WeakReference<LogRecord>> sent = new CopyOnWriteArrayList<>();
    Output encodesAndForgets = new Output() {
      @Override
      public CompletionStage<Void> send(RecordBatch batch) {
        batch.records().forEach(r -> sent.add(new java.lang.ref.WeakReference<>(r)));
        CompletableFuture<Void> stage = new CompletableFuture<>();
        stages.add(stage);
        return stage;
      }

      @Override
      public String name() {
        return "forgets";
      }

      @Override
      public void start() { }

      @Override
      public void stop(Duration deadline) { }
    };
    start(batchesOf(2), encodesAndForgets);
    pipeline.emit(FILE_A, record(0), 10, 100);
    pipeline.emit(FILE_A, record(1), 20, 100);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (stages.isEmpty()) {
      assertThat(System.nanoTime()).as("waiting for the batch").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(sent).hasSize(2);
    for (int i = 0; i < 50 && sent.stream().anyMatch(ref -> ref.get() != null); i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(sent).allSatisfy(ref -> assertThat(ref.get()).as("a record of the waiting batch").isNull());
    assertThat(checkpoints.offset(FILE_A.identity())).isEmpty();

    stages.get(0).complete(null);
    awaitCheckpoint(FILE_A, 20);
  }

  private static final class ManualOutput implements Output {
    final List<RecordBatch> batches = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> send(RecordBatch batch) {
      CompletableFuture<Void> stage = new CompletableFuture<>();
      stages.add(stage);
      batches.add(batch);
      return stage;
    }

    void awaitBatches(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (batches.size() < count) {
        assertThat(System.nanoTime()).as("waiting for " + count + " batches").isLessThan(deadline);
        Thread.sleep(5);
      }
    }

    void complete(int batch) {
      stages.get(batch).complete(null);
    }

    void fail(int batch) {
      stages.get(batch).completeExceptionally(new IllegalStateException("output stopped"));
    }

    @Override
    public String name() {
      return "manual";
    }

    @Override
    public void start() { }

    @Override
    public void stop(Duration deadline) { }
  }

  /** An output that acknowledges every batch at once. */
  private static final class AutoAckOutput implements Output {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> send(RecordBatch batch) {
      records.addAll(batch.records());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public String name() {
      return "auto";
    }

    @Override
    public void start() { }

    @Override
    public void stop(Duration deadline) { }
  }

  /** Checkpoints in a map, with the same only-forward rule as the real store. */
  private static final class MapCheckpoints implements Checkpoints {
    final Map<FileIdentity, Long> offsets = new ConcurrentHashMap<>();

    @Override
    public OptionalLong offset(FileIdentity file) {
      Long offset = offsets.get(file);
      return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    @Override
    public void advance(FileIdentity file, String path, long offset) {
      offsets.merge(file, offset, Math::max);
    }

    @Override
    public void forget(FileIdentity file) {
      offsets.remove(file);
    }

    @Override
    public void flush() { }
  }

}
