package io.pipelens.collector.app;

import io.pipelens.collector.agentconfig.AgentConfigsConfig;
import io.pipelens.collector.sink.archive.ArchiveConfig;
import io.pipelens.collector.sink.elasticsearch.ElasticsearchSinkConfig;
import io.pipelens.collector.sink.lucene.LuceneSinkConfig;
import io.pipelens.collector.source.channel.ChannelSourceConfig;
import io.pipelens.collector.source.kafka.KafkaSourceConfig;
import io.pipelens.collector.source.otlp.OtlpReceiverConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.logging.LoggingConfig;
import io.pipelens.runtime.ops.HttpConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The collector's configuration file, {@code pipelens collector --config FILE}; the example in
 * {@code collector-example.yaml} shows every key.
 *
 * <p>Every section but {@code http} and {@code logging} is optional: without {@code kafka} the
 * collector does not consume Kafka, without {@code otlp} it serves no OTLP, without {@code channel}
 * it reads no in-process channel, and with none of them
 * it serves only its operations endpoints. Records are indexed into Elasticsearch when there is an
 * {@code elasticsearch} section, else into the embedded Lucene index under {@code
 * <data_dir>/index}; with an {@code archive} section, Spark event-log records ({@code
 * pipelens.stream=event}) are archived in Spark's rolling layout.
 *
 * @param http where {@code /metrics}, {@code /healthz} and {@code /readyz} listen; port {@value
 *     #DEFAULT_PORT} by default
 * @param logging log format and level
 * @param shutdownTimeout how long a SIGTERM may take to flush outputs and commit offsets; 5s by
 *     default
 * @param kafka the topics DaemonSet agents write to
 * @param otlp the OTLP/HTTP receiver for sidecars and SDKs
 * @param elasticsearch where records are indexed; without it, the embedded Lucene index
 * @param dataDir where the collector keeps its files (the Lucene index in {@code index/}); {@value
 *     #DEFAULT_DATA_DIR} by default
 * @param lucene the embedded index's settings; ignored when {@code elasticsearch} is set
 * @param archive where Spark event logs are archived; none by default
 * @param channel an in-process channel that agents in the same JVM send to (the demo, in place of
 *     Kafka); none by default
 * @param agentConfigs the config server: agents' configurations served from a directory at {@code
 *     GET /v1/agent-config} on the OTLP/HTTP port; none by default, and it needs {@code otlp}
 */
public record CollectorConfig(
    HttpConfig http,
    LoggingConfig logging,
    Duration shutdownTimeout,
    KafkaSourceConfig kafka,
    OtlpReceiverConfig otlp,
    ElasticsearchSinkConfig elasticsearch,
    Path dataDir,
    LuceneSinkConfig lucene,
    ArchiveConfig archive,
    ChannelSourceConfig channel,
    AgentConfigsConfig agentConfigs)
    implements ComponentConfig {

  /** Where the collector keeps its files when {@code data_dir} is not set. */
  public static final String DEFAULT_DATA_DIR = "/var/lib/pipelens/collector";

  /** The collector's operations port. */
  public static final int DEFAULT_PORT = 9401;

  public CollectorConfig {
    http = http == null ? HttpConfig.defaults(DEFAULT_PORT) : http.withDefaultPort(DEFAULT_PORT);
    logging = logging == null ? LoggingConfig.defaults() : logging;
    shutdownTimeout = ComponentConfig.shutdownTimeoutOrDefault(shutdownTimeout);
    dataDir = dataDir == null ? Path.of(DEFAULT_DATA_DIR) : dataDir;
    Checks.require(dataDir.isAbsolute(), "data_dir", dataDir, "must be an absolute path");
    lucene = lucene == null ? LuceneSinkConfig.defaults() : lucene;
    Checks.require(elasticsearch == null || elasticsearch.deadLetter().toFile() || kafka != null,
        "elasticsearch.dead_letter", "a kafka_topic needs the kafka section's brokers; "
            + "add a kafka section or set dead_letter.file");
    Checks.require(agentConfigs == null || otlp != null, "agent_configs",
        "is served on the OTLP/HTTP port with its tokens; add an otlp section");
    if (otlp != null) {
      int otlpPort = otlp.http().portOr(OtlpReceiverConfig.DEFAULT_PORT);
      Checks.require(otlpPort == 0 || otlpPort != http.portOr(DEFAULT_PORT), "otlp.http.port", otlpPort,
          "must differ from http.port");
    }
  }

  /** Whether records go to Elasticsearch (else to the embedded Lucene index). */
  public boolean usesElasticsearch() {
    return elasticsearch != null;
  }

  /** The embedded Lucene index's directory: {@code <data_dir>/index}. */
  public Path luceneIndexDir() {
    return dataDir.resolve("index");
  }
}
