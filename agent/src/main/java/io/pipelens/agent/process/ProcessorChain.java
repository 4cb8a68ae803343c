package io.pipelens.agent.process;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.process.enrich.EnrichmentConfig;
import io.pipelens.agent.process.enrich.PodMetadata;
import io.pipelens.agent.process.enrich.ResourceEnricher;
import io.pipelens.agent.process.mask.MaskingConfig;
import io.pipelens.agent.process.mask.Masker;
import io.pipelens.agent.source.FileIdentity;
import io.pipelens.agent.source.ContainerLineConsumer;
import io.pipelens.agent.source.SourceFile;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's processing: takes the tailer's lines, joins them into records (multiline), decodes
 * UTF-8, parses, masks secrets, adds the resource, and hands each record to a {@link
 * RecordEmitter} with the offset its checkpoint may move to.
 *
 * <p>Every record carries {@code log.file.path}, {@code log.offset} (where its first line starts),
 * {@code pipelens.stream}, {@code log.truncated=true} when it was cut, {@code ray.job.id} for a Ray
 * worker's log file, and the observed time from the injected clock: one reading per read of the
 * file, shared by the records emitted until the next, when the tailer says when it reads ({@link
 * #read}); else a reading per record.
 *
 * <p>State is kept per file, keyed by {@link SourceFile#identity()}, so a file renamed by rotation
 * keeps its half-read record. Different files may be fed from different threads; one file from one
 * thread at a time, as {@link io.pipelens.agent.source.LineConsumer} promises. A record still waiting for continuation lines
 * has not been emitted, so the file's checkpoint stays before it until {@link #idle}, {@link
 * #closed} or the next record emits it: a crash re-reads it, never loses it.
 */
public final class ProcessorChain implements ContainerLineConsumer {

  private final Map<String, ProcessingConfig> byInput;
  private final ProcessingConfig defaultProcessing;
  private final MeterRegistry registry;
  private final FileProcessor.Shared shared;
  private final ConcurrentHashMap<FileIdentity, FileProcessor> files = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ProcessingMetrics> metricsByInput = new ConcurrentHashMap<>();

  private ProcessorChain(Builder builder) {
    this.byInput = Map.copyOf(builder.byInput);
    this.defaultProcessing = builder.defaultProcessing;
    this.registry = builder.registry;
    this.shared = new FileProcessor.Shared(
        builder.emitter,
        new Masker(builder.masking, builder.registry),
        new ResourceEnricher(builder.enrichment, builder.env, builder.pods),
        builder.clock);
  }

  /** A builder that emits to {@code emitter} and counts into {@code registry}. */
  public static Builder builder(RecordEmitter emitter, MeterRegistry registry) {
    return new Builder(emitter, registry);
  }

  @Override
  public void line(SourceFile file, long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException {
    processor(file).line(file, offset, nextOffset, bytes, length, truncated);
  }

  @Override
  public void read(SourceFile file) {
    processor(file).read();
  }

  // A file is read in runs of lines: the processor of the last line's identity (the same
  // instance, compared by reference) is kept, so that a line costs no hash of its identity.
  // Readers of several inputs may overwrite it in turn; each sees a consistent pair. A file is
  // closed by its own reader thread, which forgets the pair then.
  private record Last(FileIdentity identity, FileProcessor processor) {}

  private volatile Last last = new Last(null, null);

  private FileProcessor processor(SourceFile file) {
    Last seen = last;
    if (seen.identity() == file.identity()) {
      return seen.processor();
    }
    FileProcessor processor = files.get(file.identity());
    if (processor == null) {
      processor = files.computeIfAbsent(file.identity(), identity -> newProcessor(file));
    }
    last = new Last(file.identity(), processor);
    return processor;
  }

  @Override
  public void containerLine(SourceFile file, long offset, long nextOffset, byte[] bytes, int length,
      boolean truncated, long timeUnixNano, boolean stderr) throws InterruptedException {
    processor(file).containerLine(file, offset, nextOffset, bytes, length, truncated, timeUnixNano, stderr);
  }

  @Override
  public void idle(SourceFile file) throws InterruptedException {
    FileProcessor processor = files.get(file.identity());
    if (processor != null) {
      processor.flush();
    }
  }

  @Override
  public void closed(SourceFile file) throws InterruptedException {
    FileProcessor processor = files.get(file.identity());
    if (processor != null) {
      processor.flush();
      files.remove(file.identity(), processor);
      last = new Last(null, null);
    }
  }

  /**
   * Emits every record still waiting for continuation lines, for a clean shutdown once the tailer
   * has stopped; without it those records are read again after the restart.
   */
  public void flushAll() throws InterruptedException {
    for (FileProcessor processor : files.values()) {
      processor.flush();
    }
  }

  /** How many files processing keeps state for. */
  public int openFiles() {
    return files.size();
  }

  private FileProcessor newProcessor(SourceFile file) {
    ProcessingConfig config = byInput.getOrDefault(file.input(), defaultProcessing);
    String parser = config.parser().type().name().toLowerCase(Locale.ROOT);
    ProcessingMetrics metrics = metricsByInput.computeIfAbsent(
        file.input(), input -> new ProcessingMetrics(registry, input, parser));
    return new FileProcessor(file, config, metrics, shared);
  }

  /** Configures a {@link ProcessorChain}; every setting but the emitter and registry has a default. */
  public static final class Builder {
    private final RecordEmitter emitter;
    private final MeterRegistry registry;
    private final Map<String, ProcessingConfig> byInput = new HashMap<>();
    private ProcessingConfig defaultProcessing = ProcessingConfig.defaults();
    private MaskingConfig masking = MaskingConfig.defaults();
    private EnrichmentConfig enrichment = EnrichmentConfig.defaults();
    private Map<String, String> env = System.getenv();
    private PodMetadata pods = PodMetadata.none();
    private Clock clock = Clock.systemUTC();

    private Builder(RecordEmitter emitter, MeterRegistry registry) {
      this.emitter = Objects.requireNonNull(emitter, "emitter");
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** How the files of input {@code input} ({@link SourceFile#input()}) are processed. */
    public Builder input(String input, ProcessingConfig processing) {
      byInput.put(Objects.requireNonNull(input, "input"), Objects.requireNonNull(processing, "processing"));
      return this;
    }

    /** How files of inputs without their own settings are processed; one line one record by default. */
    public Builder defaultProcessing(ProcessingConfig processing) {
      this.defaultProcessing = Objects.requireNonNull(processing, "processing");
      return this;
    }

    /** Secret masking; the built-in rules by default. */
    public Builder masking(MaskingConfig masking) {
      this.masking = Objects.requireNonNull(masking, "masking");
      return this;
    }

    /** Static resource attributes and label names; {@link EnrichmentConfig#defaults()} by default. */
    public Builder enrichment(EnrichmentConfig enrichment) {
      this.enrichment = Objects.requireNonNull(enrichment, "enrichment");
      return this;
    }

    /** The downward-API environment ({@code POD_NAME}, {@code NODE_NAME}, ...); the process's by default. */
    public Builder environment(Map<String, String> env) {
      this.env = Objects.requireNonNull(env, "env");
      return this;
    }

    /** Pod labels by UID; none by default. */
    public Builder podMetadata(PodMetadata pods) {
      this.pods = Objects.requireNonNull(pods, "pods");
      return this;
    }

    /** The clock of observed timestamps; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public ProcessorChain build() {
      return new ProcessorChain(this);
    }
  }
}
