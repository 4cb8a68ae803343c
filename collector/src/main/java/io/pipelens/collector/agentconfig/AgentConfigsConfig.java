package io.pipelens.collector.agentconfig;

import io.pipelens.core.config.Checks;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code agent_configs} section: the config server.
 *
 * @param directory where the agent configuration files ({@code *.yaml}, {@code *.yml}) are;
 *     required, absolute
 * @param reloadInterval how often the directory is read again; 10s by default
 */
public record AgentConfigsConfig(Path directory, Duration reloadInterval) {

  public AgentConfigsConfig {
    Checks.required("directory", directory);
    Checks.require(directory.isAbsolute(), "directory", directory, "must be an absolute path");
    reloadInterval = reloadInterval == null ? Duration.ofSeconds(10) : reloadInterval;
    Checks.positive("reload_interval", reloadInterval);
  }
}
