package io.pipelens.collector.agentconfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent configuration files of {@code agent_configs.directory}, read at start and every {@code
 * reload_interval}. A file is parsed again only when its size or modification time changed; one
 * that fails keeps its last good version (if it had one), logged once per change with the file
 * and the reason.
 */
public final class AgentConfigDirectory implements Service {

  private static final Logger log = LoggerFactory.getLogger(AgentConfigDirectory.class);
  private static final long MAX_FILE_SIZE = 1024 * 1024;

  private final AgentConfigsConfig config;
  private final Counter errors;
  // Name order: the first file that selects an agent wins.
  private volatile List<AgentConfigFile> files = List.of();
  private final Map<String, String> versions = new HashMap<>();
  private final Map<String, AgentConfigFile> lastGood = new HashMap<>();
  private ScheduledExecutorService reloader;

  /** The periodic reload in {@link Liveness}; a failed reload is logged and retried, so only an {@link Error} ends it. */
  public static final String WORKER = "collector.agent_configs";

  private final Liveness liveness;

  public AgentConfigDirectory(AgentConfigsConfig config, MeterRegistry registry, Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.errors = Counter.builder("pipelens_collector_agent_config_errors")
        .description("Agent configuration files rejected when read (the last good version is served on)")
        .register(registry);
    Gauge.builder("pipelens_collector_agent_configs", this, d -> d.files.size())
        .description("Agent configuration files being served").register(registry);
  }

  @Override
  public String name() {
    return "agent-config-directory";
  }

  @Override
  public void start() throws IOException {
    if (!Files.isDirectory(config.directory())) {
      throw new IOException("agent_configs.directory " + config.directory() + " is not a directory");
    }
    reload();
    log.info("serving {} agent configuration(s) from {}", files.size(), config.directory());
    reloader = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "pipelens-collector-agent-configs");
      thread.setDaemon(true);
      return thread;
    });
    long every = config.reloadInterval().toMillis();
    reloader.scheduleWithFixedDelay(liveness.watchTask(WORKER, () -> {
      try {
        reload();
      } catch (RuntimeException e) {
        log.warn("reading agent configurations from {} failed", config.directory(), e);
      }
    }), every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop(Duration deadline) {
    if (reloader != null) {
      reloader.shutdownNow();
    }
  }

  /** The configuration for {@code agent}: the first file in name order whose selector matches. */
  Optional<AgentConfigFile> select(AgentIdentity agent) {
    for (AgentConfigFile file : files) {
      if (file.selector().matches(agent)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** Reads the directory again; synchronized so a manual and a scheduled reload cannot interleave. */
  synchronized void reload() {
    Map<String, AgentConfigFile> current = new TreeMap<>();
    Map<String, String> seen = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(config.directory(), "*.{yaml,yml}")) {
      for (Path path : entries) {
        String name = path.getFileName().toString();
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // removed while listing
        }
        if (!attributes.isRegularFile()) {
          continue;
        }
        String version = attributes.size() + "@" + attributes.lastModifiedTime().toMillis() + "@" + attributes.fileKey();
        seen.put(name, version);
        if (!version.equals(versions.get(name))) {
          load(path, name, attributes.size());
        }
        AgentConfigFile good = lastGood.get(name);
        if (good != null) {
          current.put(name, good);
        }
      }
    } catch (IOException e) {
      log.warn("cannot list agent_configs.directory {}: {}; serving what was read before", config.directory(),
          e.getMessage());
      return;
    }
    versions.keySet().retainAll(seen.keySet());
    versions.putAll(seen);
    lastGood.keySet().retainAll(seen.keySet());
    files = List.copyOf(new ArrayList<>(current.values()));
  }

  private void load(Path path, String name, long size) {
    try {
      if (size > MAX_FILE_SIZE) {
        throw new InvalidAgentConfigException("", "is larger than 1MiB");
      }
      AgentConfigFile file = AgentConfigFile.parse(name, Files.readString(path, StandardCharsets.UTF_8));
      AgentConfigFile before = lastGood.put(name, file);
      if (before == null || !before.etag().equals(file.etag())) {
        log.info("agent configuration {} loaded (ETag {})", path, file.etag());
      }
    } catch (InvalidAgentConfigException | IOException e) {
      errors.increment();
      log.error("agent configuration {} rejected: {}; {}", path, e.getMessage(),
          lastGood.containsKey(name) ? "its last good version is served on" : "it is not served");
    }
  }
}
