package io.pipelens.agent.bench;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.output.file.FileOutputConfig;
import io.pipelens.agent.output.file.NdjsonOutput;
import io.pipelens.agent.process.ProcessorChain;
import io.pipelens.agent.source.FileIdentity;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Stream;
import io.pipelens.runtime.liveness.Liveness;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/agent/hotpath.sh}: the agent's per-line work without file I/O, discovery or the
 * pipeline's threads, so that two builds can be compared on a busy machine by the CPU time of this
 * process alone. 200-byte lines as {@code run.sh} writes them go through the processing chain
 * (UTF-8 check, built-in masking, attributes, resource) into batches of 4,096 records, which are
 * encoded as the outputs encode them: {@code ndjson} by the NDJSON file output writing to {@code
 * /dev/null}, {@code otlp} as the OTLP protobuf request of the Kafka and OTLP outputs (without the
 * producer's compression). The lines are all the same length, so cutting them costs a copy here,
 * the same for every build (the tailer's newline search is not measured). Uses public classes only, so it runs against any build's jar.
 *
 * <pre>java -cp pipelens.jar:agent/target/test-classes io.pipelens.agent.bench.HotPath ndjson|otlp [MIB] [ROUNDS]</pre>
 *
 * Prints, per round, MB of input per CPU-second of the whole process (GC and JIT included) and
 * the wall-clock MB/s; the first round warms the JIT up.
 */
public final class HotPath {

  private static final int BATCH = 4096;

  private HotPath() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "ndjson";
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    String text = "24/05/01 12:00:01 INFO TaskSetManager: Finished task 17.0 in stage 3.0 (TID 1234) in 1532"
        + " ms on 10.0.3.17 (executor 7) (18/200) shuffle read 12.3 MiB records 104857 partition 17 attempt 0 ok";
    byte[] line = String.format("%-199.199s\n", text).getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[line.length * 20_000]; // 4 MB, read again and again like a page-cached file
    for (int i = 0; i < chunk.length; i += line.length) {
      System.arraycopy(line, 0, chunk, i, line.length);
    }
    long bytes = (long) mib << 20;

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<LogRecord> pending = new ArrayList<>(BATCH);
    OtlpLogsCodec codec = new OtlpLogsCodec();
    NdjsonOutput ndjson = mode.equals("ndjson")
        ? NdjsonOutput.file("bench", new FileOutputConfig(Path.of("/dev/null"), null, null), registry, new Liveness()) : null;
    if (ndjson != null) {
      ndjson.start();
    }
    long[] encoded = new long[1];
    ProcessorChain chain = ProcessorChain.builder((file, record, endOffset, size) -> {
      pending.add(record);
      if (pending.size() == BATCH) {
        encoded[0] += flush(pending, ndjson, codec);
      }
    }, registry).environment(Map.of()).build();
    SourceFile file = new SourceFile("bench", Path.of("/var/log/bench/app.log"), new FileIdentity(1, 1, 1),
        Stream.ENGINE, SourceFile.LineFormat.RAW);

    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    byte[] scratch = new byte[1 << 20];
    long offset = 0;
    for (int round = 0; round < rounds; round++) {
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      long fed = 0;
      while (fed < bytes) {
        // Every line is the same length, so the newlines are known: cutting costs a copy only.
        for (int start = 0; start < chunk.length; start += line.length) {
          int length = line.length - 1;
          System.arraycopy(chunk, start, scratch, 0, length);
          chain.line(file, offset, offset + line.length, scratch, length, false);
          offset += line.length;
        }
        fed += chunk.length;
      }
      if (!pending.isEmpty()) {
        encoded[0] += flush(pending, ndjson, codec);
      }
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      System.out.printf("%s round %d: %.0f MB in, %.1f MB per CPU-second, %.1f MB/s wall, %.2f cores%s%n",
          mode, round, fed / 1e6, fed / 1e6 / cpu, fed / 1e6 / wall, cpu / wall, round == 0 ? " (warm-up)" : "");
    }
    System.out.printf("encoded %.0f MB%n", encoded[0] / 1e6);
    if (ndjson != null) {
      ndjson.stop(Duration.ofSeconds(10));
    }
  }

  private static long flush(List<LogRecord> pending, NdjsonOutput ndjson, OtlpLogsCodec codec) {
    List<LogRecord> records = List.copyOf(pending);
    pending.clear();
    try {
      if (ndjson != null) {
        ndjson.send(new RecordBatch(records, 0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return records.size();
      }
      return codec.encode(records).length;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
