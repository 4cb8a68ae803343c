package io.pipelens.launcher;

import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.history.app.SampleEventLogs;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.component.ComponentFactory;
import io.pipelens.runtime.lifecycle.CompositeService;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.lifecycle.ServiceRunner;
import io.pipelens.runtime.logging.LogFormat;
import io.pipelens.runtime.logging.LogSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pipelens demo}: every component in one process on this machine, with no server to
 * install. Today that is the history server on real Spark event logs bundled in its jar, next to an
 * agent and a collector serving their operations endpoints; the synthetic fleet comes with the demo
 * issue.
 */
final class DemoCommand {

  static final String SUMMARY = "run the agent, collector and history server together on sample data";

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Map<String, ComponentFactory<?>> components;

  DemoCommand(PrintStream out, PrintStream err, Map<String, String> env, Map<String, ComponentFactory<?>> components) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.components = components;
  }

  int run(CommandLine commandLine) {
    if (commandLine.help()) {
      printHelp();
      return ExitCode.OK;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(commandLine.commandArgs());
    } catch (UsageException e) {
      err.println("pipelens demo: " + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      LogSetup.configure(commandLine.logFormat().orElse(LogFormat.TEXT), commandLine.logLevel().orElse("info"));
    } catch (IllegalArgumentException e) {
      err.println("pipelens demo: " + e.getMessage());
      return ExitCode.USAGE;
    }
    Logger log = LoggerFactory.getLogger(DemoCommand.class);
    Path eventLogs;
    try {
      if (options.clean()) {
        deleteRecursively(options.dataDir());
      }
      eventLogs = SampleEventLogs.copyTo(options.dataDir().resolve("spark-events"));
    } catch (IOException e) {
      err.println("pipelens demo: cannot prepare " + options.dataDir() + ": " + e.getMessage());
      return ExitCode.FAILURE;
    }

    List<Service> services = new ArrayList<>();
    try {
      services.add(build("history-server", "log_directories: ['" + eventLogs.toUri() + "']\nscan_interval: 2s\n"
          + "http: {port: " + options.historyPort() + "}\n"));
      services.add(build("collector", "http: {port: " + options.collectorPort() + "}\n"
          + "data_dir: '" + options.dataDir().resolve("collector").toAbsolutePath() + "'\n"));
      services.add(build("agent", "http: {port: " + options.agentPort() + "}\n"
          + "data_dir: '" + options.dataDir().resolve("agent").toAbsolutePath() + "'\n"));
    } catch (ConfigException e) {
      err.println("pipelens demo: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (Exception e) {
      log.error("the demo could not be built: {}", e.getMessage(), e);
      return ExitCode.FAILURE;
    }
    printWelcome(options, eventLogs);
    return ServiceRunner.runUntilStopped(CompositeService.of("demo", services), SHUTDOWN_TIMEOUT);
  }

  private Service build(String component, String yaml) throws Exception {
    ComponentFactory<?> factory = components.get(component);
    if (factory == null) {
      throw new IllegalStateException("the " + component + " component is not on the classpath");
    }
    return create(factory, yaml);
  }

  private <C extends ComponentConfig> Service create(ComponentFactory<C> factory, String yaml) throws Exception {
    C config = ConfigLoader.create(env).parse(yaml, "demo " + factory.name() + " configuration", factory.configType());
    return factory.create(config);
  }

  private void printWelcome(DemoOptions options, Path eventLogs) {
    String hs = "http://localhost:" + options.historyPort();
    out.println();
    out.println("pipelens demo: data in " + options.dataDir().toAbsolutePath());
    out.println("  history server  " + hs + "/api/v1/applications   Spark applications replayed from");
    out.println("                  " + eventLogs.toAbsolutePath() + " (one is still running)");
    out.println("                  " + hs + "/api/v1/applications?status=running");
    out.println("  collector       http://localhost:" + options.collectorPort() + "/metrics");
    out.println("  agent           http://localhost:" + options.agentPort() + "/metrics");
    out.println("Copy a Spark event log into that directory: it is listed within 2 s. Ctrl-C stops everything.");
    out.println();
    out.flush();
  }

  private void printHelp() {
    out.println("Usage: pipelens demo [--data-dir DIR] [--clean] [--log-format text|json] [--log-level LEVEL]");
    out.println();
    out.println(SUMMARY + ".");
    out.println();
    out.println("Options:");
    out.println("  --data-dir DIR   where the demo keeps its data; " + DemoOptions.DEFAULT_DATA_DIR + " by default,");
    out.println("                   reused by the next run");
    out.println("  --clean          delete the data directory first");
    out.println("Ports: history server " + DemoOptions.DEFAULT_HISTORY_PORT + ", collector "
        + DemoOptions.DEFAULT_COLLECTOR_PORT + ", agent " + DemoOptions.DEFAULT_AGENT_PORT
        + "; --history-port, --collector-port and --agent-port change them.");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
