package io.pipelens.agent.remote;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.core.config.Durations;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the collector every {@code poll_interval} and hands a changed configuration to the {@link
 * Applier}. If-None-Match names the applied configuration and every rejected one, so the
 * collector answers 304 until the configuration changes again and a bad one is reported once.
 * Nothing a poll meets (an unreachable collector, a bad answer, a bad configuration) stops the
 * agent: it is logged and counted, and the running collection goes on. Only an error that escapes a
 * poll (an {@link Error}, or a configuration whose failure left no collection running) ends the
 * polling for good; it is reported to {@link Liveness} as {@value #WORKER}, so {@code /healthz}
 * fails.
 */
public final class RemoteConfigPoller implements Service {

  /** Applies a served configuration. */
  @FunctionalInterface
  public interface Applier {
    /**
     * Applies {@code yaml}.
     *
     * @throws Exception why it was rejected; the running collection is unchanged
     * @throws CollectionSwitch.NothingRunningException when no collection runs any more
     */
    void apply(String yaml, String source) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(RemoteConfigPoller.class);
  private static final int MAX_REMEMBERED_REJECTIONS = 16;

  /** The periodic poll in {@link Liveness}. */
  public static final String WORKER = "agent.remote_config";

  private final RemoteConfigConfig config;
  private final String computeType;
  private final String namespace;
  private final Applier applier;
  private final Map<String, Counter> polls = new ConcurrentHashMap<>();
  private final AtomicInteger applied = new AtomicInteger();
  private final Set<String> rejected = new LinkedHashSet<>();
  private String appliedEtag;
  private String lastProblem;
  private RemoteConfigClient client;
  private ScheduledExecutorService scheduler;
  private final Liveness liveness;

  /**
   * A poller for {@code config}.
   *
   * @param computeType this agent's compute type, sent for selection
   * @param namespace the namespace sent for selection, or null
   * @param liveness where the periodic poll reports that an unexpected error ended it
   */
  public RemoteConfigPoller(RemoteConfigConfig config, String computeType, String namespace, Applier applier,
      MeterRegistry registry, Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.computeType = computeType;
    this.namespace = namespace;
    this.applier = applier;
    for (String result : List.of("applied", "not_modified", "not_found", "rejected", "error")) {
      polls.put(result, Counter.builder("pipelens_agent_remote_config_polls")
          .description("Polls of the collector's agent configuration, by outcome")
          .tag("result", result).register(registry));
    }
    Gauge.builder("pipelens_agent_remote_config_applied", applied, AtomicInteger::get)
        .description("1 while a configuration served by the collector runs").register(registry);
  }

  @Override
  public String name() {
    return "remote-config";
  }

  /** Polls once right away, so a served configuration replaces the file's before much is read. */
  @Override
  public void start() throws IOException {
    client = new RemoteConfigClient(config, computeType, namespace);
    log.info("polling {} every {} for this agent's configuration", client.uri(),
        Durations.format(config.pollInterval()));
    pollOnce();
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "pipelens-agent-remote-config");
      thread.setDaemon(true);
      return thread;
    });
    long every = config.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(liveness.watchTask(WORKER, this::pollOnce), every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop(Duration deadline) {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * One poll. Throws only when applying left nothing running ({@link
   * CollectionSwitch.NothingRunningException}), which ends the polling worker. Synchronized with
   * itself only (one thread, plus start).
   */
  synchronized void pollOnce() {
    List<String> etags = new ArrayList<>(rejected);
    if (appliedEtag != null) {
      etags.add(0, appliedEtag);
    }
    RemoteConfigClient.Answer answer;
    try {
      answer = client.poll(etags);
    } catch (IOException e) {
      count("error", "cannot get the agent configuration from " + client.uri() + ": " + e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (answer instanceof RemoteConfigClient.NotModified) {
      polls.get("not_modified").increment();
      lastProblem = null;
    } else if (answer instanceof RemoteConfigClient.NotFound notFound) {
      count("not_found", "the collector serves no configuration for this agent (" + notFound.reason()
          + "); the current one goes on");
    } else if (answer instanceof RemoteConfigClient.Served served) {
      String source = "collector " + served.name() + " " + served.etag();
      try {
        applier.apply(served.yaml(), source);
      } catch (CollectionSwitch.NothingRunningException e) {
        throw e; // not a rejection: this worker dies, and /healthz fails
      } catch (Exception e) {
        polls.get("rejected").increment();
        // The loader's message names the source, the key and the reason.
        log.error("agent configuration rejected, the current one goes on: {}", oneLine(e.getMessage()));
        remember(served.etag());
        return;
      }
      appliedEtag = served.etag();
      rejected.remove(served.etag());
      applied.set(1);
      lastProblem = null;
      polls.get("applied").increment();
      log.info("agent configuration {} applied", source);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
  }

  private void remember(String etag) {
    rejected.add(etag);
    while (rejected.size() > MAX_REMEMBERED_REJECTIONS) {
      rejected.remove(rejected.iterator().next());
    }
  }

  // The same problem is logged once, until it changes or goes away.
  private void count(String result, String problem) {
    polls.get(result).increment();
    if (!problem.equals(lastProblem)) {
      log.warn(problem);
      lastProblem = problem;
    }
  }
}
