package io.pipelens.agent.output.kafka;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.config.InvalidValueException;
import io.pipelens.core.config.Secret;
import io.pipelens.core.record.Stream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code kafka} output: OTLP protobuf {@code ExportLogsServiceRequest}s on Kafka topics, one
 * topic per stream, keyed by job so that one job's records stay in order in one partition.
 *
 * <p>Delivery is at least once and not configurable: the producer always runs with {@code
 * acks=all} and {@code enable.idempotence=true}, and the output retries forever.
 *
 * @param brokers {@code host:port} of one or more brokers ({@code bootstrap.servers}); required
 * @param topics topic per stream ({@code event}, {@code engine}, {@code business}); entries given
 *     replace the defaults {@code pipelens-events}, {@code pipelens-engine-logs} and {@code
 *     pipelens-business-logs} one by one. A record without a known stream goes to the {@code
 *     business} topic.
 * @param compression {@code lz4} (default), {@code zstd}, {@code gzip}, {@code snappy} or {@code
 *     none}
 * @param batchSize the producer's {@code batch.size}; 1023KiB by default: the producer keeps its
 *     buffers of this size for reuse, and one of a whole mebibyte (with the array's header) would
 *     take two of G1's 1 MiB regions (the region size of heaps under 4 GiB), leaving one nearly
 *     empty for as long as the producer lives. Lowered to the smallest {@code max.message.bytes}
 *     of the topics when that is less ({@link TopicSizeLimits})
 * @param linger the producer's {@code linger.ms}; 50ms by default
 * @param maxRequestSize the largest Kafka record the output writes ({@code max.request.size});
 *     larger groups of records are split; 8MiB by default. Brokers refuse records above their
 *     {@code message.max.bytes} after compression; the output then splits further.
 * @param acks only {@code all}, the default
 * @param idempotence only {@code true}, the default
 * @param tls encryption and client certificates; off when the section is left out
 * @param sasl SASL authentication; off when the section is left out
 * @param clientId the producer's {@code client.id}; {@code pipelens-agent} by default
 * @param properties more producer properties, applied last; may not set {@code acks}, {@code
 *     enable.idempotence}, serializers or {@code transactional.id}
 * @param maxInFlight {@code max.in.flight.requests.per.connection}, 1 to 5 (the idempotent
 *     producer keeps order only up to 5); 5 by default
 * @param deliveryTimeout how long the producer retries a Kafka record itself ({@code
 *     delivery.timeout.ms}) before the output resends it; 24d by default, effectively forever,
 *     because the producer's own retries keep order and a resend may not
 * @param maxPending encoded bytes accepted and not yet acknowledged; {@code send} blocks beyond it;
 *     64MiB by default
 */
public record KafkaOutputConfig(
    List<String> brokers,
    Map<String, String> topics,
    String compression,
    DataSize batchSize,
    Duration linger,
    DataSize maxRequestSize,
    String acks,
    Boolean idempotence,
    Tls tls,
    Sasl sasl,
    String clientId,
    Map<String, String> properties,
    Integer maxInFlight,
    Duration deliveryTimeout,
    DataSize maxPending) {

  /** The topics records go to when {@code topics} does not say otherwise. */
  public static final Map<String, String> DEFAULT_TOPICS =
      Map.of(
          Stream.EVENT.wireName(), "pipelens-events",
          Stream.ENGINE.wireName(), "pipelens-engine-logs",
          Stream.BUSINESS.wireName(), "pipelens-business-logs");

  /** The compression codecs the producer supports. */
  public static final List<String> COMPRESSIONS = List.of("lz4", "zstd", "gzip", "snappy", "none");

  /** The producer's own default {@code request.timeout.ms}. */
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Under a mebibyte by more than an array's header: see {@code batchSize}. */
  static final DataSize DEFAULT_BATCH_SIZE = DataSize.ofKibibytes(1023);

  // Properties that would weaken delivery or break the byte-array records the output writes.
  private static final Map<String, String> FORBIDDEN_PROPERTIES =
      Map.of(
          "acks", "delivery is at least once, which needs acks=all; it is set for you",
          "enable.idempotence",
              "the output resends failed records, and only the idempotent producer keeps a resend"
                  + " from duplicating or reordering records within a partition; it is always on",
          "key.serializer", "the output writes byte arrays and sets its serializers itself",
          "value.serializer", "the output writes byte arrays and sets its serializers itself",
          "transactional.id", "the output does not use transactions",
          "bootstrap.servers", "set brokers instead");

  private static final Pattern BROKER =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})");
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  public KafkaOutputConfig {
    Checks.notEmpty("brokers", brokers);
    brokers = List.copyOf(brokers);
    for (String broker : brokers) {
      var matcher = BROKER.matcher(broker);
      Checks.require(
          matcher.matches() && Integer.parseInt(matcher.group(2)) <= 65535
              && Integer.parseInt(matcher.group(2)) > 0,
          "brokers",
          broker,
          "must be host:port, such as kafka-0.kafka:9092");
    }
    topics = withDefaultTopics(topics);
    compression = compression != null ? compression : "lz4";
    Checks.oneOf("compression", compression, COMPRESSIONS.toArray(String[]::new));
    batchSize = batchSize != null ? batchSize : DEFAULT_BATCH_SIZE;
    Checks.require(
        batchSize.bytes() > 0 && batchSize.bytes() <= Integer.MAX_VALUE,
        "batch_size", batchSize, "must be between 1B and 2GiB");
    linger = linger != null ? linger : Duration.ofMillis(50);
    Checks.require(linger.toMillis() <= Integer.MAX_VALUE, "linger", linger, "is too long");
    maxRequestSize = maxRequestSize != null ? maxRequestSize : DataSize.ofMebibytes(8);
    Checks.require(
        maxRequestSize.bytes() >= 16 * 1024 && maxRequestSize.bytes() <= Integer.MAX_VALUE,
        "max_request_size", maxRequestSize, "must be between 16KiB and 2GiB");
    acks = acks != null ? acks : "all";
    Checks.require(
        acks.equals("all"),
        "acks",
        acks,
        "must be all: a file's checkpoint moves once Kafka acknowledged its records, and only"
            + " acks=all makes that acknowledgement survive the loss of the partition leader;"
            + " anything weaker breaks at-least-once delivery");
    idempotence = idempotence != null ? idempotence : true;
    Checks.require(
        idempotence,
        "idempotence",
        false,
        "must be true: the output resends failed records, and only the idempotent producer keeps"
            + " a resend from duplicating or reordering records within a partition");
    tls = tls != null ? tls : Tls.DISABLED;
    clientId = clientId != null ? clientId : "pipelens-agent";
    Checks.require(!clientId.isBlank(), "client_id", clientId, "must not be blank");
    properties = properties != null ? Map.copyOf(properties) : Map.of();
    for (String key : properties.keySet()) {
      String reason = FORBIDDEN_PROPERTIES.get(key.strip().toLowerCase(Locale.ROOT));
      if (reason != null) {
        throw new InvalidValueException("properties." + key, "may not be set here: " + reason);
      }
    }
    maxInFlight = maxInFlight != null ? maxInFlight : 5;
    Checks.require(
        maxInFlight >= 1 && maxInFlight <= 5,
        "max_in_flight",
        maxInFlight,
        "must be between 1 and 5: the idempotent producer keeps order within a partition only for"
            + " up to 5 requests in flight");
    deliveryTimeout = deliveryTimeout != null ? deliveryTimeout : Duration.ofDays(24);
    Checks.positive("delivery_timeout", deliveryTimeout);
    Checks.require(
        deliveryTimeout.toMillis() <= Integer.MAX_VALUE,
        "delivery_timeout", deliveryTimeout, "must be at most 24d (the producer counts in int ms)");
    Duration requestTimeout = requestTimeout(properties);
    Checks.require(
        deliveryTimeout.compareTo(linger.plus(requestTimeout)) >= 0,
        "delivery_timeout",
        deliveryTimeout,
        "must be at least linger + request.timeout.ms (" + linger.plus(requestTimeout).toMillis()
            + "ms), or the producer refuses to start");
    maxPending = maxPending != null ? maxPending : DataSize.ofMebibytes(64);
    Checks.require(maxPending.bytes() > 0, "max_pending", maxPending, "must be greater than 0");
  }

  /** The topic of records of stream {@code streamWireName}; the business topic for anything else. */
  public String topicFor(String streamWireName) {
    String topic = streamWireName == null ? null : topics.get(streamWireName);
    return topic != null ? topic : topics.get(Stream.BUSINESS.wireName());
  }

  private static Map<String, String> withDefaultTopics(Map<String, String> given) {
    Map<String, String> topics = new LinkedHashMap<>(DEFAULT_TOPICS);
    if (given != null) {
      for (Map.Entry<String, String> entry : given.entrySet()) {
        String stream = entry.getKey();
        Checks.require(
            Stream.fromWireName(stream).isPresent(),
            "topics." + stream,
            "unknown stream (known streams: event, engine, business)");
        String topic = entry.getValue();
        Checks.require(
            topic != null && TOPIC.matcher(topic).matches() && !topic.equals(".")
                && !topic.equals(".."),
            "topics." + stream,
            topic,
            "must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_' and '-'");
        topics.put(stream, topic);
      }
    }
    return Map.copyOf(topics);
  }

  private static Duration requestTimeout(Map<String, String> properties) {
    String text = properties.get("request.timeout.ms");
    if (text == null) {
      return DEFAULT_REQUEST_TIMEOUT;
    }
    try {
      return Duration.ofMillis(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      throw new InvalidValueException(
          "properties.request.timeout.ms", text, "must be a whole number of milliseconds");
    }
  }

  /**
   * TLS to the brokers. Present means on unless {@code enabled: false}.
   *
   * @param enabled whether to use TLS; true by default when the section is present
   * @param caFile PEM certificates to trust instead of the JVM's default trust store
   * @param certFile PEM client certificate chain, for brokers that require client authentication;
   *     needs {@code key_file}
   * @param keyFile PEM private key (unencrypted PKCS#8) of {@code cert_file}
   * @param insecureSkipVerify trust any broker certificate and host name; for tests only
   */
  public record Tls(
      Boolean enabled, Path caFile, Path certFile, Path keyFile, Boolean insecureSkipVerify) {

    static final Tls DISABLED = new Tls(false, null, null, null, false);

    public Tls {
      enabled = enabled != null ? enabled : true;
      insecureSkipVerify = insecureSkipVerify != null ? insecureSkipVerify : false;
      Checks.require(
          (certFile == null) == (keyFile == null),
          certFile == null ? "cert_file" : "key_file",
          "cert_file and key_file go together: set both for client authentication, or neither");
      Checks.require(
          !(insecureSkipVerify && caFile != null),
          "insecure_skip_verify",
          "contradicts ca_file: either verify brokers against ca_file or skip verification");
      Checks.require(
          !(insecureSkipVerify && certFile != null),
          "insecure_skip_verify",
          "cannot be combined with a client certificate (cert_file, key_file); a broker that"
              + " authenticates clients by certificate should be verified too: set ca_file");
    }
  }

  /**
   * SASL authentication. Runs over TLS when {@code tls} is enabled ({@code SASL_SSL}), else in
   * clear text ({@code SASL_PLAINTEXT}).
   *
   * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}; required
   * @param username required
   * @param password required
   */
  public record Sasl(String mechanism, String username, Secret password) {

    /** The supported mechanisms. */
    public static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    public Sasl {
      Checks.required("mechanism", mechanism);
      Checks.oneOf("mechanism", mechanism, "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
      Checks.required("username", username);
      Checks.required("password", password);
    }
  }
}
