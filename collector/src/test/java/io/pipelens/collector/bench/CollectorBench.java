package io.pipelens.collector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.agent.app.AgentConfig;
import io.pipelens.agent.app.AgentFactory;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.collector.normalize.DataStreamName;
import io.pipelens.collector.normalize.DocumentIds;
import io.pipelens.collector.normalize.EcsDocument;
import io.pipelens.collector.normalize.RecordNormalizer;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.testsupport.TestServers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bench/collector/run.sh}: the collector benchmark, against the tests' real
 * Elasticsearch (a child process) and Kafka broker (in this JVM), all on this machine.
 *
 * <ol>
 *   <li>Throughput: N records are put on Kafka first; then the same N documents (the collector's
 *       own ECS JSON and ids) go to Elasticsearch with a plain {@code _bulk} (5000 documents per
 *       request, 2 in flight, the collector's {@code filter_path}: what the collector's defaults
 *       send) once as a warm-up into a throwaway index, deleted after, and once as the first
 *       reference; then ROUNDS times (2 by default) the collector reads the whole topic into
 *       Elasticsearch with its defaults (a consumer group of its own each time) and the plain load
 *       runs once more. Figures are documents per second from the first document sent (the
 *       collector: the first record it took from Kafka) to the last acknowledged, with the CPU
 *       time Elasticsearch, the collector (by thread) and the rest of this JVM (the Kafka broker,
 *       GC, JIT) spent per document and the load average; each collector load is compared with
 *       the plain load before and after it, and the mean of the collector's loads with the mean of
 *       the plain ones.
 *   <li>Latency: an agent (in this JVM) tails a file written at 100 lines/s and ships to Kafka;
 *       a collector indexes into Elasticsearch; a watcher searches every 20 ms and notes when each
 *       line becomes searchable, and a consumer of its own when it is readable on Kafka. p50, p99
 *       and max of (searchable - written), and of the two hops.
 * </ol>
 */
public final class CollectorBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int BATCH = 500;
  private static final int BULK_ACTIONS = 5000;
  private static final String BULK_PATH = "/_bulk?filter_path=errors,items.*.status,items.*.error";
  private static String es;
  private static String kafka;

  private CollectorBench() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1); // the broker's threads would keep the JVM alive
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path work = Files.createTempDirectory("pipelens-collector-bench");
    TestServers.elasticsearch().start();
    TestServers.kafka().start();
    es = TestServers.elasticsearch().httpUri().toString().replaceAll("/$", "");
    kafka = TestServers.kafka().bootstrapServers();
    System.out.printf("elasticsearch %s, kafka %s, %d records%n", es, kafka, records);

    List<List<LogRecord>> batches = batches(records);
    produce("bench-throughput", 4, batches);
    if (records > 0) {
      // A fresh Elasticsearch gets faster for minutes (JIT, caches, segment merges settling), so a
      // first reference measured cold is not the same server the collector meets. A throwaway load
      // of the same documents first; its data streams are deleted before the references.
      double warm = plainBulk("bwarm", batches, "bwarm-throwaway");
      delete("bwarm");
      System.out.printf("plain _bulk warm-up (deleted after) %.0f docs/s%n", warm);
      // Elasticsearch still gets cheaper per document after the warm-up, so the references and the
      // collector's loads alternate: each collector load is compared with the plain load just
      // before and just after it, and all collector loads with all plain loads.
      List<Double> plain = new ArrayList<>();
      List<Double> viaCollector = new ArrayList<>();
      plain.add(plainBulk("bref1", batches, null));
      for (int round = 1; round <= rounds; round++) {
        viaCollector.add(collectorThroughput(work, "bcoll" + round, "bench-throughput", records));
        plain.add(plainBulk("bref" + (round + 1), batches, null));
      }
      StringBuilder adjacent = new StringBuilder();
      for (int i = 0; i < viaCollector.size(); i++) {
        adjacent.append(String.format("%s%.2f / %.2f", i == 0 ? "" : "; ", viaCollector.get(i) / plain.get(i),
            viaCollector.get(i) / plain.get(i + 1)));
      }
      double plainMean = plain.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double collectorMean = viaCollector.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      System.out.printf("THROUGHPUT plain _bulk %s docs/s; collector %s docs/s; ratio of each collector load against"
          + " the plain load before / after it: %s; mean collector / mean plain %.2f%n", rates(plain),
          rates(viaCollector), adjacent, collectorMean / plainMean);
      if (rounds > 1) {
        // The first collector load is also the first run of the collector's code in this JVM (the
        // plain client was warmed up by the warm-up load); the same without it, and without the
        // plain load before it.
        double warmCollector = viaCollector.subList(1, rounds).stream().mapToDouble(Double::doubleValue).average()
            .orElseThrow();
        double warmPlain = plain.subList(1, rounds + 1).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("THROUGHPUT without the first collector load: mean collector / mean plain around the others"
            + " %.2f%n", warmCollector / warmPlain);
      }
    }
    if (latencySeconds > 0) {
      latency(work, latencySeconds);
    }
  }

  /**
   * CPU time of Elasticsearch (this JVM's child processes), of the collector's threads (theirs and
   * its Elasticsearch client's; none for a plain load) and the machine's load average, so a run on a
   * shared machine can say what each side cost per document whatever else was running.
   */
  private record Cpu(long elasticsearchAtStart, Map<String, Long> collectorAtStart, long jvmAtStart,
      boolean collector) {

    static Cpu now(boolean collector) {
      return new Cpu(elasticsearchNanos(), collector ? collectorNanos() : Map.of(), jvmNanos(), collector);
    }

    String usedSince(int documents) {
      double es = (elasticsearchNanos() - elasticsearchAtStart) / 1e3 / documents;
      double jvm = (jvmNanos() - jvmAtStart) / 1e3 / documents;
      String load;
      try {
        load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      } catch (java.io.IOException e) {
        load = "?";
      }
      if (!collector) {
        // This JVM: the plain load's HTTP client, and the Kafka broker, GC and JIT.
        return String.format("CPU per document: Elasticsearch %.1f us, this JVM %.1f us; load average %s", es, jvm,
            load);
      }
      // By thread kind, so a run says where the collector's time went (Kafka consumer, flusher,
      // bulk workers, the HTTP client's I/O threads).
      Map<String, Long> end = collectorNanos();
      StringBuilder byThread = new StringBuilder();
      long total = 0;
      for (var entry : new java.util.TreeMap<>(end).entrySet()) {
        long used = entry.getValue() - collectorAtStart.getOrDefault(entry.getKey(), 0L);
        total += used;
        byThread.append(String.format(", %s %.1f", entry.getKey(), used / 1e3 / documents));
      }
      // The rest of this JVM: the Kafka broker serving the collector's fetches, GC and JIT.
      return String.format("CPU per document: Elasticsearch %.1f us, collector %.1f us (%s), rest of this JVM %.1f us;"
          + " load average %s", es, total / 1e3 / documents, byThread.substring(2), jvm - total / 1e3 / documents, load);
    }

    private static long jvmNanos() {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long elasticsearchNanos() {
      return ProcessHandle.current().descendants()
          .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** CPU time of the collector's threads (and its HTTP client's), by name without the trailing number. */
    private static Map<String, Long> collectorNanos() {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      Map<String, Long> byKind = new java.util.HashMap<>();
      for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null && (info.getThreadName().startsWith("pipelens-collector")
            || info.getThreadName().startsWith("elasticsearch-rest-client"))) {
          String kind = info.getThreadName().replaceAll("[-0-9]+$", "");
          byKind.merge(kind, Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
        }
      }
      return byKind;
    }
  }

  private static String rates(List<Double> rates) {
    return String.join(", ", rates.stream().map(r -> String.format("%.0f", r)).toList());
  }

  /** Deletes the throwaway index of {@code prefix} and its index template. */
  private static void delete(String prefix) throws Exception {
    for (String path : List.of("/" + prefix + "-throwaway", "/_index_template/pipelens-" + prefix)) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(es + path)).DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("DELETE " + path + ": " + response.statusCode() + " " + response.body());
      }
    }
  }

  /**
   * A plain index {@code index} with the settings and mappings of the data streams of {@code
   * prefix}: this test distribution of Elasticsearch cannot delete a data stream, an index it can.
   */
  private static void createLike(String prefix, String index) throws Exception {
    HttpResponse<String> template = HTTP.send(HttpRequest.newBuilder(
        URI.create(es + "/_index_template/pipelens-" + prefix)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(template.body()).path("index_templates").path(0).path("index_template")
        .path("template");
    var index_ = JSON.createObjectNode();
    index_.set("settings", body.path("settings"));
    index_.set("mappings", body.path("mappings"));
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + index))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(index_.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 200) {
      throw new IllegalStateException("PUT /" + index + ": " + created.statusCode() + " " + created.body());
    }
  }

  /** Records of 20 pods' driver logs, about 200 bytes of message each, in batches of {@value #BATCH}. */
  private static List<List<LogRecord>> batches(int records) {
    List<List<LogRecord>> batches = new ArrayList<>();
    Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    List<LogRecord> batch = new ArrayList<>(BATCH);
    String padding = "x".repeat(120);
    for (int i = 0; i < records; i++) {
      int pod = i % 20;
      Resource resource = Resource.of(Attributes.builder()
          .put(AttributeNames.K8S_NAMESPACE_NAME, "bench")
          .put(AttributeNames.K8S_POD_NAME, "job-" + pod + "-driver")
          .put(AttributeNames.K8S_POD_UID, "uid-" + pod)
          .put(AttributeNames.SPARK_APP_ID, "spark-" + pod)
          .build());
      batch.add(LogRecord.builder().timestamp(t0.plusMillis(i)).severity(Severity.INFO)
          .body("INFO TaskSetManager: Finished task " + i + " in stage 3.0 (TID " + i + ") " + padding)
          .resource(resource)
          .attributes(Attributes.builder()
              .put(AttributeNames.PIPELENS_STREAM, "engine")
              .put(AttributeNames.LOG_FILE_PATH, "/var/log/spark/driver.log")
              .put(AttributeNames.LOG_OFFSET, (long) i * 200)
              .build())
          .build());
      if (batch.size() == BATCH) {
        batches.add(batch);
        batch = new ArrayList<>(BATCH);
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  private static void produce(String topic, int partitions, List<List<LogRecord>> batches) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    OtlpLogsCodec codec = new OtlpLogsCodec();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < batches.size(); i++) {
        byte[] key = ("k" + (i % partitions)).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, codec.encode(batches.get(i))));
      }
      producer.flush();
    }
  }

  /**
   * The same documents the collector writes, with a plain _bulk into the data streams of {@code
   * prefix} (or, not null, into the one plain {@code index}); documents per second.
   */
  private static double plainBulk(String prefix, List<List<LogRecord>> batches, String index) throws Exception {
    // A collector without sources installs the same index template for the prefix, then goes.
    try (Collector templates = collector(prefix, null, Files.createTempDirectory("bench-" + prefix))) {
      templates.start();
    }
    if (index != null) {
      createLike(prefix, index);
    }
    RecordNormalizer normalizer = RecordNormalizer.forKafka();
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream(8 << 20);
    int inBody = 0;
    long received = System.currentTimeMillis() * 1_000_000L;
    for (List<LogRecord> batch : batches) {
      for (LogRecord record : normalizer.normalize(batch)) {
        String id = DocumentIds.of(record);
        body.writeBytes(("{\"create\":{\"_index\":\"" + (index != null ? index : DataStreamName.of(prefix, record)) + "\",\"_id\":\"" + id
            + "\"}}\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(EcsDocument.json(record, received, id));
        body.write('\n');
        if (++inBody == BULK_ACTIONS) {
          bodies.add(body.toByteArray());
          body.reset();
          inBody = 0;
        }
      }
    }
    if (inBody > 0) {
      bodies.add(body.toByteArray());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger next = new AtomicInteger();
    Cpu cpu = Cpu.now(false);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
          // The collector's filter_path too: the same requests, so that the same response work is
          // asked of Elasticsearch for both.
          HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(es + BULK_PATH))
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
              HttpResponse.BodyHandlers.ofString());
          JsonNode answer = JSON.readTree(response.body());
          if (response.statusCode() != 200 || answer.path("errors").asBoolean()) {
            throw new IllegalStateException("bulk failed: "
                + response.body().substring(0, Math.min(500, response.body().length())));
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String used = cpu.usedSince(batches.stream().mapToInt(List::size).sum());
    pool.shutdown();
    long count = count(index != null ? index : prefix + "-*");
    int total = batches.stream().mapToInt(List::size).sum();
    if (count != total) {
      throw new IllegalStateException(prefix + ": " + count + " documents, expected " + total);
    }
    System.out.printf("plain _bulk into %s: %d documents in %.2f s; %s%n", prefix, total, seconds, used);
    return total / seconds;
  }

  /** The collector from Kafka to Elasticsearch; documents per second, first to last indexed. */
  private static double collectorThroughput(Path work, String prefix, String topic, int records) throws Exception {
    try (Collector collector = collector(prefix, topic, work.resolve(prefix))) {
      Cpu cpu = Cpu.now(true);
      long started = System.nanoTime();
      collector.start();
      // From the first record the collector took from Kafka (not the first it indexed, which would
      // leave its first request's time out while the plain load's counts), to the last indexed.
      long first = 0;
      double sent = 0;
      while (sent < records) {
        Thread.sleep(5);
        sent = sent(collector);
        if (first == 0 && received(collector) > 0) {
          first = System.nanoTime();
        }
        if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
          throw new IllegalStateException("only " + sent + " of " + records + " indexed after 10 min");
        }
      }
      long last = System.nanoTime();
      String used = cpu.usedSince(records);
      long count = count(prefix + "-*");
      if (count != records) {
        throw new IllegalStateException(prefix + ": " + count + " documents, expected " + records);
      }
      double seconds = (last - first) / 1e9;
      long requests = collector.ops().registry().find("pipelens_collector_bulk_latency").timer().count();
      System.out.printf("collector into %s: %d documents in %.2f s from the first read from Kafka (%.2f s from start), %d _bulk"
          + " requests; %s%n", prefix, records, seconds, (last - started) / 1e9, requests, used);
      return records / seconds;
    }
  }

  private static void latency(Path work, int seconds) throws Exception {
    String topic = "bench-latency";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Path logs = Files.createDirectories(work.resolve("logs"));
    Path file = logs.resolve("driver.log");
    Files.createFile(file);
    try (Collector collector = collector("blat", topic, work.resolve("blat"))) {
      collector.start();
      AgentConfig agentConfig = ConfigLoader.create(Map.of()).parse("""
          http: {host: 127.0.0.1, port: 0}
          data_dir: %s
          inputs:
            - file: {paths: ["%s/*.log"]}
              stream: engine
          outputs:
            - kafka:
                brokers: ["%s"]
                topics: {engine: %s}
          """.formatted(work.resolve("agent"), logs, kafka, topic), "bench agent", AgentConfig.class);
      Service agent = new AgentFactory(Map.of()).create(agentConfig);
      agent.start();
      try {
        int lines = seconds * 100;
        Map<Long, Long> written = new ConcurrentHashMap<>();
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        Map<Long, Long> onKafka = new ConcurrentHashMap<>();
        Thread watcher = new Thread(() -> watch("blat-*", lines, seen), "bench-watcher");
        Thread kafkaWatcher = new Thread(() -> watchKafka(topic, lines, onKafka), "bench-kafka-watcher");
        watcher.start();
        kafkaWatcher.start();
        long offset = 0;
        long next = System.nanoTime();
        for (int i = 0; i < lines; i++) {
          byte[] line = ("latency probe " + i + "\n").getBytes(StandardCharsets.UTF_8);
          written.put(offset, System.nanoTime());
          Files.write(file, line, StandardOpenOption.APPEND);
          offset += line.length;
          next += 10_000_000L;
          long sleep = next - System.nanoTime();
          if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
          }
        }
        watcher.join(Duration.ofSeconds(60).toMillis());
        watcher.interrupt();
        kafkaWatcher.join(Duration.ofSeconds(10).toMillis());
        kafkaWatcher.interrupt();
        long[] latencies = differences(written, seen);
        System.out.printf("LATENCY %d lines written, %d searchable: p50 %.0f ms, p99 %.0f ms, max %.0f ms"
            + " (agent, Kafka and collector at their defaults)%n", lines, latencies.length,
            percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, max(latencies) / 1e6);
        long[] toKafka = differences(written, onKafka);
        long[] fromKafka = differences(onKafka, seen);
        System.out.printf("LATENCY by hop: written -> readable on Kafka p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
            + " readable on Kafka -> searchable p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d lines)%n",
            percentile(toKafka, 0.50) / 1e6, percentile(toKafka, 0.99) / 1e6, max(toKafka) / 1e6,
            percentile(fromKafka, 0.50) / 1e6, percentile(fromKafka, 0.99) / 1e6, max(fromKafka) / 1e6,
            fromKafka.length);
        var bulk = collector.ops().registry().find("pipelens_collector_bulk_latency").timer();
        System.out.printf("LATENCY collector _bulk requests: %d, mean %.0f ms, max %.0f ms%n", bulk.count(),
            bulk.mean(java.util.concurrent.TimeUnit.MILLISECONDS), bulk.max(java.util.concurrent.TimeUnit.MILLISECONDS));
      } finally {
        agent.stop(Duration.ofSeconds(10));
      }
    }
  }

  /** Searches every 20 ms for lines not seen yet and notes when each became searchable. */
  private static void watch(String index, int lines, Map<Long, Long> seen) {
    long maxSeen = -1;
    while (seen.size() < lines && !Thread.currentThread().isInterrupted()) {
      try {
        String query = "{\"size\":10000,\"_source\":[\"log.offset\"],\"query\":{\"range\":{\"log.offset\":{\"gt\":"
            + maxSeen + "}}}}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + index + "/_search"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        if (response.statusCode() == 200) {
          for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
            long offset = hit.path("_source").path("log").path("offset").asLong(-1);
            if (offset < 0) {
              offset = hit.path("_source").path("log.offset").asLong(-1);
            }
            seen.putIfAbsent(offset, now);
          }
          // Lines of one file arrive in order; what is below the lowest gap need not be asked again.
          long[] offsets = seen.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
          maxSeen = offsets.length == 0 ? -1 : offsets[offsets.length - 1];
        }
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // The data stream does not exist before the first document; ask again.
      }
    }
  }

  /**
   * Reads the topic with a consumer group of its own and notes when each line (by its {@code
   * log.offset}) can first be read from Kafka: the agent's share of the latency.
   */
  private static void watchKafka(String topic, int lines, Map<Long, Long> seen) {
    Properties props = new Properties();
    props.put("bootstrap.servers", kafka);
    props.put("group.id", "bench-latency-watcher");
    props.put("auto.offset.reset", "earliest");
    OtlpLogsCodec codec = new OtlpLogsCodec();
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (seen.size() < lines && !Thread.currentThread().isInterrupted()) {
        var polled = consumer.poll(Duration.ofMillis(50));
        long now = System.nanoTime();
        for (var message : polled) {
          for (LogRecord record : codec.decode(message.value())) {
            Long offset = record.attributes().getLong(AttributeNames.LOG_OFFSET);
            if (offset != null) {
              seen.putIfAbsent(offset, now);
            }
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      // interrupted at the end of the run
    } catch (io.pipelens.core.codec.CodecException e) {
      throw new IllegalStateException("the agent wrote a batch that does not decode", e);
    }
  }

  /** {@code to - from} of every key both maps have, sorted. */
  private static long[] differences(Map<Long, Long> from, Map<Long, Long> to) {
    return from.entrySet().stream().filter(e -> to.containsKey(e.getKey()))
        .mapToLong(e -> to.get(e.getKey()) - e.getValue()).sorted().toArray();
  }

  private static double max(long[] sorted) {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** A collector with its defaults into {@code <prefix>-*}, reading {@code topic} if not null. */
  private static Collector collector(String prefix, String topic, Path dataDir) throws Exception {
    String data = dataDir.toAbsolutePath().toString();
    String yaml = "http: {host: 127.0.0.1, port: 0}\n"
        + "data_dir: " + data + "\n"
        + (topic == null ? "" : "kafka:\n  brokers: [\"" + kafka + "\"]\n  group_id: bench-" + prefix
            + "\n  topics: [" + topic + "]\n")
        + "elasticsearch:\n  urls: [\"" + es + "\"]\n  index_prefix: " + prefix + "\n  number_of_replicas: 0\n"
        + "  dead_letter: {file: " + data + "/dlq.jsonl}\n";
    CollectorConfig config = ConfigLoader.create(Map.of()).parse(yaml, "bench collector", CollectorConfig.class);
    return Collector.create(config);
  }

  private static double sent(Collector collector) {
    var counter = collector.ops().registry().find("pipelens_collector_sent_records").tag("output", "elasticsearch")
        .counter();
    return counter == null ? 0 : counter.count();
  }

  private static double received(Collector collector) {
    return collector.ops().registry().find("pipelens_collector_received_records").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  private static long count(String index) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + index + "/_count")).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("count").asLong();
  }
}
