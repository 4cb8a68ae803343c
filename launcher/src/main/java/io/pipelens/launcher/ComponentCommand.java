package io.pipelens.launcher;

import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.component.ComponentConfig;
import io.pipelens.runtime.component.ComponentFactory;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.lifecycle.ServiceRunner;
import io.pipelens.runtime.logging.LogSetup;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one component: load its configuration, set up logging, start it, wait for SIGTERM. */
final class ComponentCommand<C extends ComponentConfig> {

  private final ComponentFactory<C> factory;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  ComponentCommand(ComponentFactory<C> factory, PrintStream out, PrintStream err, Map<String, String> env) {
    this.factory = factory;
    this.out = out;
    this.err = err;
    this.env = env;
  }

  int run(CommandLine commandLine) {
    if (commandLine.help()) {
      printHelp();
      return ExitCode.OK;
    }
    if (!commandLine.commandArgs().isEmpty()) {
      err.println("pipelens " + factory.name() + ": unknown option " + commandLine.commandArgs().get(0)
          + "; run 'pipelens " + factory.name() + " --help'");
      return ExitCode.USAGE;
    }
    ConfigLoader loader = ConfigLoader.create(env);
    C config;
    try {
      config = commandLine.config().isPresent()
          ? loader.load(commandLine.config().get(), factory.configType())
          : loader.parse("", "<defaults>", factory.configType());
    } catch (ConfigException e) {
      err.println("pipelens " + factory.name() + ": " + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      LogSetup.configure(
          commandLine.logFormat().orElse(config.logging().format()),
          commandLine.logLevel().orElse(config.logging().level()));
    } catch (IllegalArgumentException e) {
      err.println("pipelens " + factory.name() + ": " + e.getMessage());
      return ExitCode.USAGE;
    }
    Logger log = LoggerFactory.getLogger(ComponentCommand.class);
    if (log.isInfoEnabled()) { // describing the configuration costs a YAML writer's start-up
      log.info("pipelens {} {} starting with configuration from {}:\n{}", factory.name(), Main.version(),
          commandLine.config().map(Object::toString).orElse("defaults"), ConfigLoader.describe(config));
    }
    Service service;
    try {
      service = factory.create(config);
    } catch (Exception e) {
      log.error("pipelens {} could not be built: {}", factory.name(), e.getMessage(), e);
      return ExitCode.FAILURE;
    }
    return ServiceRunner.runUntilStopped(service, config.shutdownTimeout());
  }

  private void printHelp() {
    out.println("Usage: pipelens " + factory.name() + " [--config FILE] [--log-format text|json] [--log-level LEVEL]");
    out.println();
    out.println(factory.summary());
    out.println();
    out.println("Options:");
    out.println("  --config FILE        YAML configuration; ${VAR} and ${VAR:-default} are read from the environment");
    out.println("  --log-format FORMAT  text (default) or json: one JSON object per line");
    out.println("  --log-level LEVEL    trace, debug, info (default), warn or error");
    out.println("  --help               this text");
    out.println();
    out.println("A full example configuration (every key is documented in README.md):");
    out.println();
    out.print(factory.exampleConfig());
  }
}
