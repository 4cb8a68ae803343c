package io.pipelens.collector.sink.lucene;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pipelens.collector.normalize.DocumentIds;
import io.pipelens.collector.normalize.EcsDocument;
import io.pipelens.collector.pipeline.ComputeTypeCounter;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.collector.pipeline.SinkStoppedException;
import io.pipelens.logsearch.LogFields;
import io.pipelens.logsearch.LuceneLogSearch;
import io.pipelens.core.record.LogRecord;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes records into an embedded Lucene index under {@code <data_dir>/index}: the collector's
 * output when no Elasticsearch is configured.
 *
 * <p><b>Documents.</b> The same normalized document as Elasticsearch gets ({@link EcsDocument},
 * stored as {@code _source}), indexed as {@link LuceneDocuments} says, keyed by the same {@link
 * DocumentIds id}: {@code updateDocument} on the id term, so a redelivered record replaces its
 * earlier copy instead of duplicating it.
 *
 * <p><b>Acknowledgement.</b> {@link #write} adds the documents to the {@link IndexWriter} at once
 * and returns a future that completes after the next {@code commit()} (which fsyncs), run every
 * {@code commit_interval} (1 s) by one committer thread. So an acknowledged record survives a
 * crash or power loss: at least once, with the id making redelivery harmless. The searcher is
 * reopened right after each commit, so what is acknowledged is also searchable. A failed commit
 * (disk full) is retried with backoff and its writes stay unacknowledged; if the writer is broken
 * for good (a tragic exception), pending and new writes fail with {@link SinkStoppedException} and
 * readiness fails.
 *
 * <p><b>Backpressure.</b> {@link #hasCapacity()} is false while {@code max_pending_documents}
 * documents wait for their commit.
 */
public final class LuceneSink implements RecordSink, Service {

  private static final Logger log = LoggerFactory.getLogger(LuceneSink.class);
  static final String OUTPUT = "lucene";
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Path indexDir;
  private final LuceneSinkConfig config;
  private final Clock clock;
  private final ComputeTypeCounter sent;
  private final Counter commits;
  private final Counter commitFailures;
  private final Timer commitLatency;
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicLong pendingDocuments = new AtomicLong();

  private final Object lock = new Object();
  private final Object wakeup = new Object();
  private List<Pending> pending = new ArrayList<>(); // guarded by lock

  private volatile boolean accepting;
  private volatile String brokenReason;
  private FSDirectory directory;
  private IndexWriter writer;
  private SearcherManager searchers;
  private Thread committer;
  private final Liveness liveness;

  /**
   * The commit loop in {@link Liveness}: reported when an error ends it, or when the index breaks
   * for good (a tragic Lucene error), after which no write can succeed until a restart.
   */
  public static final String WORKER = "collector.sink.lucene.committer";

  /** A sink writing under {@code indexDir}, not yet started; meters go to {@code registry}. */
  public LuceneSink(Path indexDir, LuceneSinkConfig config, Clock clock, MeterRegistry registry) {
    this(indexDir, config, clock, registry, new Liveness());
  }

  /** Same as {@link #LuceneSink(Path, LuceneSinkConfig, Clock, MeterRegistry)}, its committer reporting to {@code liveness}. */
  public LuceneSink(Path indexDir, LuceneSinkConfig config, Clock clock, MeterRegistry registry, Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.indexDir = indexDir;
    this.config = config;
    this.clock = clock;
    this.sent = new ComputeTypeCounter(registry, "pipelens_collector_sent_records", "Records the output stored",
        Tags.of("output", OUTPUT));
    this.commits = Counter.builder("pipelens_collector_lucene_commits")
        .description("Lucene commits (fsync + searcher reopen) that acknowledged writes").register(registry);
    this.commitFailures = Counter.builder("pipelens_collector_lucene_commit_failures")
        .description("Lucene commits that failed and will be retried").register(registry);
    this.commitLatency = Timer.builder("pipelens_collector_lucene_commit_latency")
        .description("Time of one Lucene commit and searcher reopen").register(registry);
    Gauge.builder("pipelens_collector_sink_pending_bytes", pendingBytes, AtomicLong::get)
        .description("Bytes of documents buffered or in flight to the output")
        .tag("output", OUTPUT).register(registry);
  }

  @Override
  public String name() {
    return "lucene-sink";
  }

  @Override
  public void start() throws IOException {
    Files.createDirectories(indexDir);
    directory = FSDirectory.open(indexDir);
    IndexWriterConfig writerConfig = new IndexWriterConfig(new StandardAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setCommitOnClose(true);
    writer = new IndexWriter(directory, writerConfig);
    searchers = new SearcherManager(writer, true, false, null);
    accepting = true;
    committer = new Thread(liveness.watch(WORKER, this::commitLoop), "pipelens-collector-lucene-committer");
    committer.setDaemon(true);
    committer.start();
    log.info("Lucene index at {} holds {} documents", indexDir, writer.getDocStats().numDocs);
  }

  @Override
  public CompletableFuture<Void> write(List<LogRecord> records) {
    if (!accepting) {
      return CompletableFuture.failedFuture(new SinkStoppedException("the Lucene sink is stopped"));
    }
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    long receivedNanos = epochNanos(clock.instant());
    long bytes = 0;
    try {
      for (LogRecord record : records) {
        String id = DocumentIds.of(record);
        long timestamp = EcsDocument.timestampNanos(record, receivedNanos);
        Map<String, Object> source = EcsDocument.of(record, receivedNanos, id);
        byte[] json = LogFields.JSON.writeValueAsBytes(source);
        bytes += json.length;
        Document document;
        try {
          document = LuceneDocuments.of(id, timestamp, source, json);
          writer.updateDocument(new Term(LogFields.ID, id), document);
        } catch (IllegalArgumentException e) {
          // Lucene refused a field (an immense term, say): keep the record, findable by time.
          log.warn("Lucene refused document {} ({}); indexing it with only its id and time", id, e.getMessage());
          writer.updateDocument(new Term(LogFields.ID, id), LuceneDocuments.minimal(id, timestamp, json));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The writer is closed or broken: nothing of this batch is acknowledged; it will be resent.
      return CompletableFuture.failedFuture(new SinkStoppedException("the Lucene index cannot be written: " + e));
    }
    Pending entry = new Pending(new CompletableFuture<>(), records.size(), bytes,
        ComputeTypeCounter.tally(records));
    pendingBytes.addAndGet(bytes);
    pendingDocuments.addAndGet(records.size());
    synchronized (lock) {
      pending.add(entry);
    }
    if (!accepting) {
      // stop() raced with us; its final commit may have missed this batch.
      return CompletableFuture.failedFuture(new SinkStoppedException("the Lucene sink is stopped"));
    }
    return entry.ack;
  }

  @Override
  public boolean hasCapacity() {
    return accepting && brokenReason == null && pendingDocuments.get() < config.maxPendingDocuments();
  }

  /** Null while the index is writable, else why not, for {@code /readyz}. */
  public String brokenReason() {
    return brokenReason;
  }

  /** Searches over this sink's index; sees every acknowledged write. */
  public LuceneLogSearch search() {
    return new LuceneLogSearch(searchers, false);
  }

  private void commitLoop() {
    long backoffMs = 0;
    while (accepting) {
      try {
        // Not Thread.sleep + interrupt: an interrupt during a commit's file I/O closes Lucene's channels.
        synchronized (wakeup) {
          if (accepting) {
            wakeup.wait(backoffMs > 0 ? backoffMs : config.commitInterval().toMillis());
          }
        }
      } catch (InterruptedException e) {
        return;
      }
      if (!accepting) {
        return;
      }
      backoffMs = commitPending() ? 0 : Math.min(MAX_BACKOFF_MS, Math.max(100, backoffMs * 2));
    }
  }

  /** Commits and acknowledges what was written before; false when the commit failed. */
  private boolean commitPending() {
    List<Pending> batch;
    synchronized (lock) {
      batch = pending;
      pending = new ArrayList<>();
    }
    if (batch.isEmpty() && !writer.hasUncommittedChanges()) {
      return true;
    }
    long begin = System.nanoTime();
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException | RuntimeException e) {
      if (writer.getTragicException() != null || !writer.isOpen()) {
        if (brokenReason == null) {
          // The sink is dead though its thread runs on: fail /healthz so that the restart comes.
          liveness.workerDied(WORKER, e);
        }
        brokenReason = "the Lucene index at " + indexDir + " is broken: " + e;
        log.error("{}; writes fail until the collector restarts", brokenReason);
        fail(batch);
        return false;
      }
      commitFailures.increment();
      log.warn("Lucene commit failed, retrying: {}", e.toString());
      synchronized (lock) {
        batch.addAll(pending);
        pending = batch;
      }
      return false;
    } finally {
      commitLatency.record(System.nanoTime() - begin, TimeUnit.NANOSECONDS);
    }
    commits.increment();
    for (Pending entry : batch) {
      pendingBytes.addAndGet(-entry.bytes);
      pendingDocuments.addAndGet(-entry.documents);
      sent.add(entry.byComputeType);
      entry.ack.complete(null);
    }
    return true;
  }

  private void fail(List<Pending> batch) {
    for (Pending entry : batch) {
      pendingBytes.addAndGet(-entry.bytes);
      pendingDocuments.addAndGet(-entry.documents);
      entry.ack.completeExceptionally(new SinkStoppedException(brokenReason));
    }
  }

  @Override
  public void stop(Duration deadline) {
    accepting = false;
    if (committer == null) {
      return;
    }
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
    try {
      committer.join(Math.max(1, deadline.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (brokenReason == null && !commitPending()) {
      synchronized (lock) {
        brokenReason = "stopped before the final commit";
        fail(pending);
        pending = new ArrayList<>();
      }
    }
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException | RuntimeException e) {
      log.warn("closing the Lucene index at {} failed: {}", indexDir, e.toString());
    }
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private record Pending(CompletableFuture<Void> ack, int documents, long bytes, long[] byComputeType) {}
}
