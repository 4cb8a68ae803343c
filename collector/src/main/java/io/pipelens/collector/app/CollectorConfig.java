package io.pipelens.collector.app;

import io.pipelens.collector.sink.elasticsearch.ElasticsearchSinkConfig;
import io.pipelens.collector.source.kafka.KafkaSourceConfig;
import io.pipelens.collector.source.otlp.OtlpReceiverConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.logging.LoggingConfig;
import io.pipelens.runtime.ops.HttpConfig;
import java.time.Duration;

/**
 * The collector's configuration file, {@code pipelens collector --config FILE}; the example in
 * {@code collector-example.yaml} shows every key.
 *
 * <p>Every section but {@code http} and {@code logging} is optional: without {@code kafka} the
 * collector does not consume Kafka, without {@code otlp} it serves no OTLP, and with none of them
 * it serves only its operations endpoints. A source needs somewhere to write, so {@code kafka} and
 * {@code otlp} need {@code elasticsearch}.
 *
 * @param http where {@code /metrics}, {@code /healthz} and {@code /readyz} listen; port {@value
 *     #DEFAULT_PORT} by default
 * @param logging log format and level
 * @param shutdownTimeout how long a SIGTERM may take to flush outputs and commit offsets; 5s by
 *     default
 * @param kafka the topics DaemonSet agents write to
 * @param otlp the OTLP/HTTP receiver for sidecars and SDKs
 * @param elasticsearch where records are indexed
 */
public record CollectorConfig(
    HttpConfig http,
    LoggingConfig logging,
    Duration shutdownTimeout,
    KafkaSourceConfig kafka,
    OtlpReceiverConfig otlp,
    ElasticsearchSinkConfig elasticsearch)
    implements ComponentConfig {

  /** The collector's operations port. */
  public static final int DEFAULT_PORT = 9401;

  public CollectorConfig {
    http = http == null ? HttpConfig.defaults(DEFAULT_PORT) : http.withDefaultPort(DEFAULT_PORT);
    logging = logging == null ? LoggingConfig.defaults() : logging;
    shutdownTimeout = ComponentConfig.shutdownTimeoutOrDefault(shutdownTimeout);
    Checks.require(kafka == null || elasticsearch != null, "elasticsearch",
        "missing: the kafka source needs an elasticsearch section to write to");
    Checks.require(otlp == null || elasticsearch != null, "elasticsearch",
        "missing: the otlp receiver needs an elasticsearch section to write to");
    Checks.require(elasticsearch == null || elasticsearch.deadLetter().toFile() || kafka != null,
        "elasticsearch.dead_letter", "a kafka_topic needs the kafka section's brokers; "
            + "add a kafka section or set dead_letter.file");
    if (otlp != null) {
      int otlpPort = otlp.http().portOr(OtlpReceiverConfig.DEFAULT_PORT);
      Checks.require(otlpPort == 0 || otlpPort != http.portOr(DEFAULT_PORT), "otlp.http.port", otlpPort,
          "must differ from http.port");
    }
  }
}
