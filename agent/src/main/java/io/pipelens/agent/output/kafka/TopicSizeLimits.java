package io.pipelens.agent.output.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest {@code max.message.bytes} among an output's topics, asked of the cluster in the
 * background.
 *
 * <p>Why the output needs it: when a broker refuses a batch of several records as too large, the
 * producer splits the batch into batches of up to {@code batch.size} and sends those. With {@code
 * batch.size} above the topic's limit, records that fit {@code batch.size} together come back as
 * the same batch, are refused again, and the producer repeats this until its delivery timeout;
 * nothing is delivered and reading stalls behind the full queue. A producer whose {@code
 * batch.size} is within the limit is refused only for a batch of one record, which the output
 * splits itself.
 *
 * <p>One DescribeConfigs request asks for every topic whose limit is not known yet; it does not
 * block the caller. A topic that does not exist yet (created by the first write) or a request that
 * failed is asked again {@linkplain #RETRY_INTERVAL a minute} later. A request the cluster does not
 * allow (no DescribeConfigs permission on the topic, or a broker too old) is logged once and not
 * repeated: the configured {@code batch_size} then stays, and must be kept within the topics'
 * limits by hand. Once every topic's limit is known the admin client is closed.
 *
 * <p>{@link #refreshIfDue()} and {@link #close()} are for one thread (the output's worker); {@link
 * #smallest()} may be read from any.
 */
final class TopicSizeLimits implements AutoCloseable {

  /** Between requests while a topic's limit is unknown. */
  static final Duration RETRY_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(TopicSizeLimits.class);
  private static final int REQUEST_TIMEOUT_MS = 15_000;

  private final String outputName;
  private final Map<String, Object> adminSettings;
  private final Set<String> topics;
  private final Map<String, Integer> limits = new ConcurrentHashMap<>();

  private volatile boolean inFlight;
  private volatile boolean givenUp;
  private volatile long nextAttemptNanos;
  private Admin admin; // worker thread only

  /**
   * Limits for {@code topics}, asked with the connection and security settings found in {@code
   * producerSettings} (the producer-only ones are left out).
   */
  TopicSizeLimits(String outputName, Map<String, Object> producerSettings, Collection<String> topics) {
    this.outputName = outputName;
    this.topics = new TreeSet<>(topics);
    this.adminSettings = adminSettings(producerSettings);
    this.nextAttemptNanos = System.nanoTime();
  }

  static Map<String, Object> adminSettings(Map<String, Object> producerSettings) {
    Set<String> adminKeys = AdminClientConfig.configNames();
    Map<String, Object> settings = new HashMap<>();
    producerSettings.forEach(
        (key, value) -> {
          if (adminKeys.contains(key)) {
            settings.put(key, value);
          }
        });
    Object clientId = producerSettings.get(CommonClientConfigs.CLIENT_ID_CONFIG);
    settings.put(
        CommonClientConfigs.CLIENT_ID_CONFIG,
        (clientId == null ? "pipelens-agent" : clientId) + "-topic-limits");
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    return settings;
  }

  /**
   * The smallest limit known, in bytes, or {@link Integer#MAX_VALUE} while none is. The broker
   * compares it with a whole record batch, headers included.
   */
  int smallest() {
    int smallest = Integer.MAX_VALUE;
    for (int limit : limits.values()) {
      smallest = Math.min(smallest, limit);
    }
    return smallest;
  }

  /** The topic with the {@linkplain #smallest() smallest} limit, or null while none is known. */
  String smallestTopic() {
    String topic = null;
    int smallest = Integer.MAX_VALUE;
    for (Map.Entry<String, Integer> entry : limits.entrySet()) {
      if (entry.getValue() < smallest) {
        smallest = entry.getValue();
        topic = entry.getKey();
      }
    }
    return topic;
  }

  /** Whether every topic's limit is known, or asking was given up. */
  boolean settled() {
    return givenUp || limits.size() == topics.size();
  }

  /** Sends a request for the topics still unknown, unless one is out or the next is not due. */
  void refreshIfDue() {
    if (settled()) {
      closeAdmin();
      return;
    }
    if (inFlight || System.nanoTime() - nextAttemptNanos < 0) {
      return;
    }
    List<ConfigResource> ask = new ArrayList<>();
    for (String topic : topics) {
      if (!limits.containsKey(topic)) {
        ask.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
      }
    }
    Map<ConfigResource, KafkaFuture<Config>> answers;
    try {
      if (admin == null) {
        admin = Admin.create(adminSettings);
      }
      answers =
          admin
              .describeConfigs(ask, new DescribeConfigsOptions().timeoutMs(REQUEST_TIMEOUT_MS))
              .values();
    } catch (KafkaException e) {
      log.warn(
          "{} output: could not ask Kafka for the topics' max.message.bytes ({}); asking again in {}",
          outputName, e.getMessage(), RETRY_INTERVAL);
      scheduleNext();
      return;
    }
    inFlight = true;
    AtomicInteger left = new AtomicInteger(answers.size());
    answers.forEach(
        (resource, answer) ->
            answer.whenComplete(
                (config, failure) -> {
                  record(resource.name(), config, failure);
                  if (left.decrementAndGet() == 0) {
                    scheduleNext();
                    inFlight = false;
                  }
                }));
  }

  private void record(String topic, Config config, Throwable failure) {
    if (failure == null) {
      ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry != null && entry.value() != null) {
        try {
          limits.put(topic, Integer.parseInt(entry.value().trim()));
        } catch (NumberFormatException e) {
          log.warn(
              "{} output: topic {} has max.message.bytes \"{}\", not a number",
              outputName, topic, entry.value());
        }
      }
      return;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TopicAuthorizationException
        || cause instanceof ClusterAuthorizationException
        || cause instanceof UnsupportedVersionException) {
      if (!givenUp) {
        givenUp = true;
        log.warn(
            "{} output: Kafka does not tell the max.message.bytes of topic {} ({}); keep batch_size"
                + " within every topic's max.message.bytes, or the producer may retry a refused"
                + " batch until delivery_timeout",
            outputName, topic, cause.getMessage());
      }
    } else if (!(cause instanceof UnknownTopicOrPartitionException)) {
      log.debug("{} output: asking for topic {}'s max.message.bytes failed", outputName, topic, cause);
    }
  }

  private void scheduleNext() {
    nextAttemptNanos = System.nanoTime() + RETRY_INTERVAL.toNanos();
  }

  private void closeAdmin() {
    if (admin != null) {
      Admin closing = admin;
      admin = null;
      try {
        closing.close(Duration.ZERO);
      } catch (RuntimeException e) {
        log.debug("{} output: closing the admin client failed", outputName, e);
      }
    }
  }

  @Override
  public void close() {
    givenUp = true;
    closeAdmin();
  }
}
