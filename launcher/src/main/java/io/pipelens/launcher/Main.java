package io.pipelens.launcher;

import io.pipelens.runtime.component.ComponentFactory;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * {@code bin/pipelens}: one executable for every component.
 *
 * <p>Exit codes: {@value ExitCode#OK} for a clean stop, {@value ExitCode#USAGE} for bad usage or a
 * bad configuration, {@value ExitCode#FAILURE} for anything else.
 */
public final class Main {

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Map<String, ComponentFactory<?>> components;

  Main(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.components = discoverComponents();
  }

  public static void main(String[] args) {
    int code = new Main(System.out, System.err, System.getenv()).run(args);
    System.exit(code);
  }

  /** Runs one command and returns its exit code; never calls {@link System#exit}. */
  int run(String[] args) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println("pipelens: " + e.getMessage());
      return ExitCode.USAGE;
    }
    switch (commandLine.command()) {
      case "help":
        printUsage(out);
        return ExitCode.OK;
      case "version":
        out.println("pipelens " + version());
        return ExitCode.OK;
      case "demo":
        return new DemoCommand(out, err, env, components).run(commandLine);
      default:
        ComponentFactory<?> factory = components.get(commandLine.command());
        if (factory == null) {
          err.println("pipelens: unknown command \"" + commandLine.command()
              + "\"; expected one of " + String.join(", ", commandNames()));
          return ExitCode.USAGE;
        }
        return new ComponentCommand<>(factory, out, err, env).run(commandLine);
    }
  }

  static String version() {
    return Objects.requireNonNullElse(Main.class.getPackage().getImplementationVersion(), "dev");
  }

  private Iterable<String> commandNames() {
    TreeMap<String, String> names = new TreeMap<>();
    components.keySet().forEach(name -> names.put(name, name));
    names.put("demo", "demo");
    return names.keySet();
  }

  private void printUsage(PrintStream stream) {
    stream.println("pipelens " + version() + ": logs, events and metrics of Spark and Ray jobs on Kubernetes");
    stream.println();
    stream.println("Usage: pipelens <command> [--config FILE] [--log-format text|json] [--log-level LEVEL] [--help]");
    stream.println();
    stream.println("Commands:");
    components.values().forEach(f -> stream.printf("  %-16s %s%n", f.name(), f.summary()));
    stream.printf("  %-16s %s%n", "demo", DemoCommand.SUMMARY);
    stream.println();
    stream.println("Run 'pipelens <command> --help' for a command's options and a full example configuration.");
    stream.println("Exit codes: 0 clean stop, 1 failure, 2 bad usage or bad configuration.");
  }

  private static Map<String, ComponentFactory<?>> discoverComponents() {
    Map<String, ComponentFactory<?>> found = new TreeMap<>();
    for (ComponentFactory<?> factory : ServiceLoader.load(ComponentFactory.class)) {
      ComponentFactory<?> previous = found.putIfAbsent(factory.name(), factory);
      if (previous != null) {
        throw new IllegalStateException("two components are named " + factory.name() + ": "
            + previous.getClass().getName() + " and " + factory.getClass().getName());
      }
    }
    return found;
  }
}
