package io.pipelens.launcher;

import io.pipelens.runtime.logging.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parsed command line: {@code pipelens <command> [--config FILE] [--log-format text|json]
 * [--log-level LEVEL] [--help] [command options]}.
 *
 * <p>Options that only one command understands (the demo's {@code --clean}, for example) are kept
 * in {@link #commandArgs()} for that command to parse.
 */
record CommandLine(
    String command,
    Optional<Path> config,
    Optional<LogFormat> logFormat,
    Optional<String> logLevel,
    boolean help,
    List<String> commandArgs) {

  static CommandLine parse(String[] args) throws UsageException {
    if (args.length == 0) {
      return new CommandLine("help", Optional.empty(), Optional.empty(), Optional.empty(), true, List.of());
    }
    String command = args[0];
    if (command.equals("--help") || command.equals("-h")) {
      command = "help";
    } else if (command.equals("--version")) {
      command = "version";
    } else if (command.startsWith("-")) {
      throw new UsageException("expected a command before " + command + "; run 'pipelens --help'");
    }
    Optional<Path> config = Optional.empty();
    Optional<LogFormat> logFormat = Optional.empty();
    Optional<String> logLevel = Optional.empty();
    boolean help = command.equals("help");
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String inlineValue = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        inlineValue = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--config", "-c" -> {
          String value = inlineValue != null ? inlineValue : value(args, ++i, arg);
          config = Optional.of(Path.of(value));
        }
        case "--log-format" -> {
          String value = inlineValue != null ? inlineValue : value(args, ++i, arg);
          logFormat = Optional.of(parseLogFormat(value));
        }
        case "--log-level" -> logLevel = Optional.of(inlineValue != null ? inlineValue : value(args, ++i, arg));
        default -> rest.add(args[i]);
      }
    }
    return new CommandLine(command, config, logFormat, logLevel, help, List.copyOf(rest));
  }

  private static String value(String[] args, int index, String option) throws UsageException {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException("option " + option + " needs a value");
    }
    return args[index];
  }

  private static LogFormat parseLogFormat(String value) throws UsageException {
    try {
      return LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid value \"" + value + "\" for --log-format: must be one of text, json");
    }
  }
}
