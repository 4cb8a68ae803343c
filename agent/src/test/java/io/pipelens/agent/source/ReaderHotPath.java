package io.pipelens.agent.source;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.pipeline.PipelineConfig;
import io.pipelens.agent.pipeline.RecordPipeline;
import io.pipelens.agent.process.ProcessorChain;
import io.pipelens.core.record.Stream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The reader thread's work without file I/O: {@code run.sh}'s 200-byte lines in 64 KiB chunks (the
 * default read buffer) through the line splitter, the raw framing, processing (UTF-8 check,
 * built-in masking, attributes) and the pipeline's {@code emit} (memory budget, batches), with an
 * output that acknowledges at once. Prints the reading thread's own CPU time per MB, so that two
 * builds can be compared on a busy machine.
 *
 * <pre>java -cp pipelens.jar:agent/target/test-classes io.pipelens.agent.source.ReaderHotPath [MIB] [ROUNDS]</pre>
 */
public final class ReaderHotPath {

  private ReaderHotPath() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String text = "24/05/01 12:00:01 INFO TaskSetManager: Finished task 17.0 in stage 3.0 (TID 1234) in 1532"
        + " ms on 10.0.3.17 (executor 7) (18/200) shuffle read 12.3 MiB records 104857 partition 17 attempt 0 ok....";
    byte[] line = String.format("%-199.199s\n", text).getBytes(StandardCharsets.US_ASCII);
    byte[] file = new byte[line.length * 50_000]; // 10 MB, cut into chunks at any byte like reads
    for (int i = 0; i < file.length; i += line.length) {
      System.arraycopy(line, 0, file, i, line.length);
    }
    byte[] chunk = new byte[64 * 1024];

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Output acknowledging = new Output() {
      @Override
      public CompletionStage<Void> send(RecordBatch batch) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public String name() {
        return "bench";
      }

      @Override
      public void start() {}

      @Override
      public void stop(Duration deadline) {}
    };
    Checkpoints checkpoints = new Checkpoints() {
      @Override
      public OptionalLong offset(FileIdentity identity) {
        return OptionalLong.empty();
      }

      @Override
      public void advance(FileIdentity identity, String path, long offset) {}

      @Override
      public void forget(FileIdentity identity) {}

      @Override
      public void flush() {}
    };
    RecordPipeline pipeline = new RecordPipeline(PipelineConfig.defaults(), java.util.List.of(acknowledging),
        checkpoints, registry);
    pipeline.start();
    ProcessorChain chain = ProcessorChain.builder(pipeline, registry).environment(Map.of()).build();
    SourceFile source = new SourceFile("bench", Path.of("/var/log/bench/app.log"), new FileIdentity(1, 1, 1),
        Stream.ENGINE, SourceFile.LineFormat.RAW);
    LineSink sink = (offset, nextOffset, bytes, length, truncated) ->
        chain.line(source, offset, nextOffset, bytes, length, truncated);
    LineSplitter splitter = new LineSplitter(0, 1 << 20, new BufferAllocator());
    byte[] scratch = new byte[chunk.length];

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long bytes = (long) mib << 20;
    long offset = 0;
    for (int round = 0; round < rounds; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long fed = 0;
      int at = 0;
      while (fed < bytes) {
        int n = Math.min(chunk.length, file.length - at);
        System.arraycopy(file, at, chunk, 0, n); // what the read's copy costs
        splitter.feed(chunk, n, offset, scratch, sink);
        offset += n;
        fed += n;
        at = at + n == file.length ? 0 : at + n;
      }
      double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      System.out.printf("reader round %d: %.0f MB, %.1f MB per CPU-second of the reading thread, %.0f ns a line%s%n",
          round, fed / 1e6, fed / 1e6 / cpu, cpu * 1e9 / (fed / line.length), round == 0 ? " (warm-up)" : "");
    }
    pipeline.stop(Duration.ofSeconds(10));
  }
}
