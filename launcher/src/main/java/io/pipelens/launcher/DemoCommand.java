package io.pipelens.launcher;

import io.pipelens.agent.app.AgentFactory;
import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.launcher.demo.SyntheticFleet;
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
 * {@code pipelens demo}: a synthetic preprocessing fleet and every component, in one process on
 * this machine, with no server to install. Started in this order and stopped in reverse: the
 * collector, the history server, the fixed nodes' agent, the serverless pod's agent, then the
 * fleet; so on Ctrl-C the fleet stops writing, the agents send what they read and wait for the
 * collector to store it, and the collector closes its index and archive last.
 */
final class DemoCommand {

  static final String SUMMARY = "run a synthetic Spark and Ray fleet with the agent, collector and history server";

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
    Path dataDir = options.dataDir().toAbsolutePath().normalize();
    try {
      if (options.clean()) {
        deleteRecursively(dataDir);
      }
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      err.println("pipelens demo: cannot prepare " + dataDir + ": " + e.getMessage());
      return ExitCode.FAILURE;
    }
    SyntheticFleet fleet = SyntheticFleet.standard(dataDir.resolve("fleet"));
    DemoConfigs configs = new DemoConfigs(options, fleet, env);
    try {
      if (options.objectStore() == null) {
        // The history server scans it from its start, before the collector archived anything.
        Files.createDirectories(Path.of(configs.eventArchive()));
      }
    } catch (IOException e) {
      err.println("pipelens demo: cannot prepare " + configs.eventArchive() + ": " + e.getMessage());
      return ExitCode.FAILURE;
    }

    List<Service> services = new ArrayList<>();
    try {
      services.add(build("collector", configs.collector()));
      services.add(build("history-server", configs.historyServer()));
      services.add(agent(new AgentFactory(env, fleet::labels), configs.fixedAgent()));
      services.add(agent(new AgentFactory(configs.serverlessAgentEnvironment(), fleet::labels), configs.serverlessAgent()));
      services.add(fleet);
    } catch (ConfigException e) {
      err.println("pipelens demo: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (Exception e) {
      log.error("the demo could not be built: {}", e.getMessage(), e);
      return ExitCode.FAILURE;
    }
    return ServiceRunner.runUntilStopped(new Welcome(CompositeService.of("demo", services), options, configs, fleet),
        SHUTDOWN_TIMEOUT);
  }

  private Service build(String component, String yaml) throws Exception {
    ComponentFactory<?> factory = components.get(component);
    if (factory == null) {
      throw new IllegalStateException("the " + component + " component is not on the classpath");
    }
    return create(factory, yaml);
  }

  private Service agent(AgentFactory factory, String yaml) throws Exception {
    return create(factory, yaml);
  }

  private <C extends ComponentConfig> Service create(ComponentFactory<C> factory, String yaml) throws Exception {
    C config = ConfigLoader.create(env).parse(yaml, "demo " + factory.name() + " configuration", factory.configType());
    return factory.create(config);
  }

  /** Prints what to open once everything started, so the URLs printed answer. */
  private final class Welcome implements Service {
    private final Service demo;
    private final DemoOptions options;
    private final DemoConfigs configs;
    private final SyntheticFleet fleet;

    private Welcome(Service demo, DemoOptions options, DemoConfigs configs, SyntheticFleet fleet) {
      this.demo = demo;
      this.options = options;
      this.configs = configs;
      this.fleet = fleet;
    }

    @Override
    public String name() {
      return demo.name();
    }

    @Override
    public void start() throws Exception {
      demo.start();
      printWelcome(options, configs, fleet);
    }

    @Override
    public void stop(Duration deadline) {
      demo.stop(deadline);
    }
  }

  private void printWelcome(DemoOptions options, DemoConfigs configs, SyntheticFleet fleet) {
    String ui = "http://localhost:" + options.historyPort() + "/ui";
    String hs = "http://localhost:" + options.historyPort() + "/api/v1/applications";
    out.println();
    out.println("pipelens demo: a day of Spark and Ray preprocessing on 2 fixed nodes and 1 serverless node,");
    out.println("  for 2 teams (search-data: high priority, vision-data: low); data in " + options.dataDir().toAbsolutePath());
    out.println("  web UI          " + ui + "/apps   open it, then: Status \"Failed\" > local-1422981780767 >");
    out.println("                  the failed stage 2.0 > \"Log lines of task 19\": the executor's exception");
    out.println("    live tail     " + ui + "/apps/application_1553914137147_0018   still running, grows every 5 s");
    out.println("  REST API        " + hs + "   the applications, replayed from the collector's archive");
    out.println("    running       " + hs + "?status=running   application_1553914137147_0018 grows every 5 s");
    out.println("    failed job    " + hs + "/local-1422981780767/jobs?status=failed");
    out.println("    task failures " + hs + "/app-20161115172038-0000/stages/0/0/taskList?status=failed&length=50");
    out.println("  collector       http://localhost:" + options.collectorPort() + "/metrics   logs indexed in "
        + (options.elasticsearch() != null ? options.elasticsearch() : configs.collectorDataDir().resolve("index")));
    out.println("  agents          http://localhost:" + options.agentPort() + "/metrics (fixed nodes, DaemonSet), "
        + "http://localhost:" + options.serverlessAgentPort() + "/metrics (serverless Ray head, sidecar)");
    out.println("  fleet           " + fleet.root() + "   the files the agents tail; events archived to "
        + configs.eventArchive());
    out.println("Ctrl-C stops everything; the next run continues with the same data (--clean starts afresh).");
    out.println();
    out.flush();
  }

  private void printHelp() {
    out.println("Usage: pipelens demo [--data-dir DIR] [--clean] [--with-kafka HOST:PORT] [--with-elasticsearch URL]");
    out.println("                     [--object-store s3://BUCKET/PREFIX] [--log-format text|json] [--log-level LEVEL]");
    out.println();
    out.println(SUMMARY + ".");
    out.println();
    out.println("Options:");
    out.println("  --data-dir DIR             where the demo keeps its data; " + DemoOptions.DEFAULT_DATA_DIR
        + " by default, continued by the next run");
    out.println("  --clean                    delete the data directory first");
    out.println("  --with-kafka HOST:PORT     agents write to Kafka and the collector reads it, instead of the in-process channel");
    out.println("  --with-elasticsearch URL   the collector indexes into Elasticsearch instead of the embedded Lucene index");
    out.println("  --object-store URI         event logs are archived to s3://BUCKET/PREFIX and replayed from there; "
        + DemoConfigs.S3_ENDPOINT_ENV + " and " + DemoConfigs.S3_REGION_ENV);
    out.println("                             set an S3-compatible endpoint and region, AWS_ACCESS_KEY_ID and"
        + " AWS_SECRET_ACCESS_KEY the credentials");
    out.println("Ports: history server " + DemoOptions.DEFAULT_HISTORY_PORT + ", collector "
        + DemoOptions.DEFAULT_COLLECTOR_PORT + ", agents " + DemoOptions.DEFAULT_AGENT_PORT + " and "
        + DemoOptions.DEFAULT_SERVERLESS_AGENT_PORT + "; --history-port, --collector-port, --agent-port and"
        + " --serverless-agent-port change them.");
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
