package io.pipelens.collector.app;

import io.pipelens.collector.agentconfig.AgentConfigDirectory;
import io.pipelens.collector.agentconfig.AgentConfigEndpoint;
import io.pipelens.collector.deadletter.DeadLetterQueue;
import io.pipelens.collector.deadletter.FileDeadLetterQueue;
import io.pipelens.collector.deadletter.KafkaDeadLetterQueue;
import io.pipelens.collector.jobs.JobWatch;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.collector.pipeline.StreamRouter;
import io.pipelens.collector.prometheus.OtlpMetricsCollector;
import io.pipelens.collector.prometheus.OtlpSeriesStore;
import io.pipelens.logsearch.ElasticsearchLogSearch;
import io.pipelens.logsearch.LogSearch;
import io.pipelens.collector.sink.archive.EventLogArchiveSink;
import io.pipelens.collector.sink.elasticsearch.ElasticsearchSink;
import io.pipelens.collector.sink.elasticsearch.ElasticsearchSinkConfig;
import io.pipelens.collector.sink.lucene.LuceneSink;
import io.pipelens.collector.source.channel.ChannelSource;
import io.pipelens.collector.source.kafka.KafkaSource;
import io.pipelens.collector.source.otlp.OtlpGrpcReceiver;
import io.pipelens.collector.source.otlp.OtlpHttpReceiver;
import io.pipelens.runtime.component.ComponentOps;
import io.pipelens.runtime.lifecycle.CompositeService;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.runtime.ops.Readiness;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running collector: its operations endpoints, dead letter queue, index (Elasticsearch when
 * configured, else the embedded Lucene index), event-log archive, Kafka source, in-process channel
 * source and OTLP receivers (HTTP, and gRPC unless {@code otlp.grpc.enabled} is false),
 * each only when configured. Started in that order and stopped in
 * reverse, so sources stop taking records first, then wait for the sink to store what they handed
 * it and commit, and the sink and dead letter queue close last.
 */
public final class Collector implements Service {

  private final ComponentOps ops;
  private final ElasticsearchSink elasticsearch;
  private final LuceneSink lucene;
  private final EventLogArchiveSink archive;
  private final OtlpHttpReceiver otlp;
  private final OtlpGrpcReceiver otlpGrpc;
  private final CompositeService services;
  private final CollectorConfig config;

  private Collector(CollectorConfig config, Clock clock) {
    this.config = config;
    this.ops = ComponentOps.create("collector", config.http(), CollectorConfig.DEFAULT_PORT);
    List<Service> children = new ArrayList<>(List.of(ops));
    ElasticsearchSinkConfig es = config.elasticsearch();
    DeadLetterQueue deadLetters;
    RecordSink index;
    if (es != null) {
      deadLetters = es.deadLetter().toFile()
          ? new FileDeadLetterQueue(es.deadLetter().file(), clock, ops.registry())
          : new KafkaDeadLetterQueue(config.kafka(), es.deadLetter().kafkaTopic(), ops.registry());
      elasticsearch = new ElasticsearchSink(es, deadLetters, clock, ops.registry(), ops.liveness());
      lucene = null;
      index = elasticsearch;
      ops.readiness().register("elasticsearch",
          () -> elasticsearch.isReachable()
              ? Readiness.Check.passed()
              : Readiness.Check.failed(
                  "Elasticsearch at " + es.urls() + " is not reachable: " + elasticsearch.unreachableReason()));
    } else {
      // Without Elasticsearch nothing is rejected at indexing; only undecodable Kafka messages remain.
      deadLetters = new FileDeadLetterQueue(config.dataDir().resolve("dead-letters.jsonl"), clock, ops.registry());
      elasticsearch = null;
      lucene = new LuceneSink(config.luceneIndexDir(), config.lucene(), clock, ops.registry(), ops.liveness());
      index = lucene;
      ops.readiness().register("lucene",
          () -> lucene.brokenReason() == null
              ? Readiness.Check.passed()
              : Readiness.Check.failed(lucene.brokenReason()));
    }
    children.add(deadLetters);
    children.add((Service) index);
    RecordSink sink = index;
    if (config.archive() != null) {
      archive = new EventLogArchiveSink(config.archive(), clock, ops.registry(), ops.liveness());
      children.add(archive);
      sink = new StreamRouter(index, archive, config.archive().indexEvents());
      ops.readiness().register("archive",
          () -> archive.failingReason() == null
              ? Readiness.Check.passed()
              : Readiness.Check.failed(archive.failingReason()));
    } else {
      archive = null;
    }
    // Sources write through the job watch: failed jobs and silent applications become metrics.
    sink = new JobWatch(ops.registry(), clock).watching(sink);
    if (config.kafka() != null) {
      children.add(new KafkaSource(config.kafka(), sink, deadLetters, ops.registry(), ops.liveness()));
    }
    if (config.channel() != null) {
      children.add(new ChannelSource(config.channel(), sink, ops.registry(), ops.liveness()));
    }
    OtlpSeriesStore series = null;
    if (config.otlp() != null) {
      series = new OtlpSeriesStore(config.otlp().metrics(), ops.registry(), System::nanoTime);
      OtlpMetricsCollector.register(series, ops.registry());
    }
    otlp = config.otlp() == null ? null : new OtlpHttpReceiver(config.otlp(), sink, series, ops.registry(), ops.liveness());
    if (config.agentConfigs() != null) {
      AgentConfigDirectory agentConfigs = new AgentConfigDirectory(config.agentConfigs(), ops.registry(), ops.liveness());
      children.add(agentConfigs);
      otlp.serveAgentConfigs(new AgentConfigEndpoint(agentConfigs));
    }
    if (otlp != null) {
      children.add(otlp);
    }
    otlpGrpc = config.otlp() == null || !config.otlp().grpc().enabled()
        ? null : new OtlpGrpcReceiver(config.otlp(), sink, series, ops.registry(), ops.liveness());
    if (otlpGrpc != null) {
      children.add(otlpGrpc);
    }
    this.services = CompositeService.of("collector", children);
  }

  /** A collector for {@code config}, not yet started. */
  public static Collector create(CollectorConfig config) {
    return new Collector(config, Clock.systemUTC());
  }

  @Override
  public String name() {
    return services.name();
  }

  @Override
  public void start() throws Exception {
    services.start();
  }

  @Override
  public void stop(Duration deadline) {
    services.stop(deadline);
  }

  /** The operations side: registry, readiness and the bound port. */
  public ComponentOps ops() {
    return ops;
  }

  /** The bound OTLP/HTTP port; valid after {@link #start()} when {@code otlp} is configured. */
  public int otlpPort() {
    if (otlp == null) {
      throw new IllegalStateException("the otlp receiver is not configured");
    }
    return otlp.port();
  }

  /** The bound OTLP/gRPC port; valid after {@link #start()} when OTLP/gRPC is served. */
  public int otlpGrpcPort() {
    if (otlpGrpc == null) {
      throw new IllegalStateException("the otlp.grpc receiver is not configured");
    }
    return otlpGrpc.port();
  }

  /** Whether the Elasticsearch sink reaches Elasticsearch; false when there is no sink. */
  public boolean elasticsearchReachable() {
    return elasticsearch != null && elasticsearch.isReachable();
  }

  /** Searches what this collector indexed: its Elasticsearch data streams or its Lucene index. */
  public LogSearch search() throws IOException {
    return lucene != null ? lucene.search() : ElasticsearchLogSearch.create(config.elasticsearch().connection(), config.elasticsearch().indexPrefix());
  }
}
