package io.pipelens.agent.output.kafka;

import io.pipelens.agent.output.internal.OutputThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The smallest {@code max.message.bytes} among the topics an output writes to, asked of the
 * cluster on a thread of its own.
 *
 * <p>Why the output needs it: when a broker refuses a batch of several records as too large, the
 * producer splits the batch into batches of up to {@code batch.size} and sends those. With {@code
 * batch.size} above the topic's limit, records that fit {@code batch.size} together come back as
 * the same batch, are refused again, and the producer repeats this until its delivery timeout;
 * nothing is delivered and reading stalls behind the full queue. A producer whose {@code
 * batch.size} is within the limit is refused only for a batch of one record, which the output
 * splits itself.
 *
 * <p>A topic is asked about once the output {@linkplain #written writes to it}: one DescribeConfigs
 * request, with an admin client made for it and closed after it, on the thread {@code
 * pipelens-agent-output-<name>-topic-limits-1}, so that neither its DNS lookups nor its timeouts
 * hold up sending. A topic that did not exist yet (created by that first write) or a request that
 * failed is asked again {@linkplain #RETRY_INTERVAL a minute} later. A request the cluster does not
 * allow (no DescribeConfigs permission on the topic, or a broker too old) is logged once and not
 * repeated: the configured {@code batch_size} then stays, and must be kept within the topics'
 * limits by hand.
 *
 * <p>Thread-safe.
 */
final class TopicSizeLimits implements AutoCloseable {

  /** Between requests while a written topic's limit is unknown. */
  static final Duration RETRY_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(TopicSizeLimits.class);
  private static final int REQUEST_TIMEOUT_MS = 15_000;

  private final String outputName;
  private final Map<String, Object> adminSettings;
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> limits = new ConcurrentHashMap<>();
  private final ScheduledExecutorService asker;

  private final Object scheduling = new Object();
  private boolean scheduled; // a request is scheduled and has not begun; guarded by scheduling
  private volatile boolean givenUp;

  /**
   * Limits for the topics an output named {@code outputName} writes to, asked with the
   * connection and security settings found in {@code producerSettings} (the producer-only ones
   * are left out).
   */
  TopicSizeLimits(String outputName, Map<String, Object> producerSettings) {
    this.outputName = outputName;
    this.adminSettings = adminSettings(producerSettings);
    this.asker = Executors.newSingleThreadScheduledExecutor(OutputThreads.helpers(outputName, "topic-limits"));
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
   * Notes that the output writes to {@code topic}; the first time, its limit is asked for. Cheap
   * after that: called for every record sent.
   */
  void written(String topic) {
    if (!givenUp && written.add(topic)) {
      schedule(0);
    }
  }

  /**
   * The topic with the smallest limit known and that limit in bytes, which the broker compares
   * with a whole record batch, headers included; null while no limit is known.
   */
  Map.Entry<String, Integer> smallest() {
    Map.Entry<String, Integer> smallest = null;
    for (Map.Entry<String, Integer> entry : limits.entrySet()) {
      if (smallest == null || entry.getValue() < smallest.getValue()) {
        smallest = Map.entry(entry.getKey(), entry.getValue());
      }
    }
    return smallest;
  }

  private void schedule(long delayMillis) {
    synchronized (scheduling) {
      if (scheduled) {
        return; // the pending request also asks for topics added since
      }
      scheduled = true;
    }
    try {
      asker.schedule(this::ask, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  /** One request for every written topic whose limit is unknown; on the asker thread. */
  private void ask() {
    synchronized (scheduling) {
      scheduled = false;
    }
    List<String> unknown = new ArrayList<>();
    for (String topic : written) {
      if (!limits.containsKey(topic)) {
        unknown.add(topic);
      }
    }
    if (unknown.isEmpty() || givenUp) {
      return;
    }
    Admin admin = null;
    try {
      admin = Admin.create(adminSettings);
      List<ConfigResource> resources = new ArrayList<>();
      for (String topic : unknown) {
        resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
      }
      Map<ConfigResource, KafkaFuture<Config>> answers =
          admin.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(REQUEST_TIMEOUT_MS)).values();
      for (Map.Entry<ConfigResource, KafkaFuture<Config>> answer : answers.entrySet()) {
        String topic = answer.getKey().name();
        try {
          record(topic, answer.getValue().get(REQUEST_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
          refused(topic, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
          log.debug("{} output: no answer about topic {}'s max.message.bytes in time", outputName, topic);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (KafkaException e) {
      log.warn(
          "{} output: could not ask Kafka for the topics' max.message.bytes ({}); asking again in {}",
          outputName, e.getMessage(), RETRY_INTERVAL);
    } finally {
      if (admin != null) {
        admin.close(Duration.ofSeconds(1));
      }
    }
    for (String topic : written) {
      if (!limits.containsKey(topic) && !givenUp) {
        schedule(RETRY_INTERVAL.toMillis());
        return;
      }
    }
  }

  private void record(String topic, Config config) {
    ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
    if (entry == null || entry.value() == null) {
      return;
    }
    try {
      limits.put(topic, Integer.parseInt(entry.value().trim()));
    } catch (NumberFormatException e) {
      log.warn(
          "{} output: topic {} has max.message.bytes \"{}\", not a number; keep batch_size within"
              + " its limit by hand", outputName, topic, entry.value());
      limits.put(topic, Integer.MAX_VALUE); // known, and not asked for again
    }
  }

  private void refused(String topic, Throwable cause) {
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

  /** Whether the cluster refused to tell a limit, so none is asked for again; for tests. */
  boolean givenUp() {
    return givenUp;
  }

  /** Stops asking; a request under way is interrupted and its admin client closed. */
  @Override
  public void close() {
    givenUp = true;
    asker.shutdownNow();
  }
}
