package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return main.run(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path config(String yaml) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run(Map.of(), "--help")).isEqualTo(ExitCode.OK);
    assertThat(stdout()).contains("agent", "collector", "history-server", "demo", "Exit codes");
  }

  @Test
  void noArgumentsPrintsHelp() {
    assertThat(run(Map.of())).isEqualTo(ExitCode.OK);
    assertThat(stdout()).contains("Usage: pipelens <command>");
  }

  @Test
  void unknownCommandIsUsageError() {
    assertThat(run(Map.of(), "agnet")).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).isEqualTo(
        "pipelens: unknown command \"agnet\"; expected one of agent, collector, demo, history-server"
            + System.lineSeparator());
  }

  @Test
  void componentHelpPrintsAnExampleConfiguration() {
    for (String command : new String[] {"agent", "collector", "history-server"}) {
      out.reset();
      assertThat(run(Map.of(), command, "--help")).as(command).isEqualTo(ExitCode.OK);
      assertThat(stdout()).as(command).contains("Usage: pipelens " + command, "--config FILE", "http:", "logging:");
    }
  }

  @Test
  void unknownKeyExitsTwoWithOneLineNamingTheKey() throws IOException {
    Path file = config("http:\n  prot: 9400\n");
    assertThat(run(Map.of(), "agent", "--config", file.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).hasLineCount(1)
        .startsWith("pipelens agent: " + file + ": http.prot: ")
        .contains("unknown key");
  }

  @Test
  void wrongTypeExitsTwoWithOneLineNamingTheKey() throws IOException {
    Path file = config("http:\n  port: abc\n");
    assertThat(run(Map.of(), "collector", "--config", file.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).hasLineCount(1)
        .startsWith("pipelens collector: " + file + ": http.port: ")
        .contains("\"abc\"");
  }

  @Test
  void missingEnvironmentVariableExitsTwoWithOneLineNamingTheKey() throws IOException {
    Path file = config("logging:\n  level: ${PIPELENS_TEST_UNSET_LEVEL}\n");
    assertThat(run(Map.of(), "agent", "--config", file.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).hasLineCount(1)
        .startsWith("pipelens agent: " + file + ": logging.level: ")
        .contains("PIPELENS_TEST_UNSET_LEVEL");
  }

  @Test
  void invalidValueExitsTwoWithOneLineNamingTheKey() throws IOException {
    Path file = config("http:\n  port: 70000\n");
    assertThat(run(Map.of(), "agent", "--config", file.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).hasLineCount(1)
        .startsWith("pipelens agent: " + file + ": http.port: ")
        .contains("70000");
  }

  @Test
  void missingConfigFileExitsTwo() {
    Path file = dir.resolve("absent.yaml");
    assertThat(run(Map.of(), "agent", "--config", file.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).hasLineCount(1).startsWith("pipelens agent: " + file);
  }

  @Test
  void badLogFormatIsUsageError() {
    assertThat(run(Map.of(), "agent", "--log-format", "xml")).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).contains("--log-format").contains("text, json");
  }

  @Test
  void optionWithoutValueIsUsageError() {
    assertThat(run(Map.of(), "agent", "--config")).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).contains("--config needs a value");
  }

  @Test
  void unknownOptionIsUsageError() {
    assertThat(run(Map.of(), "agent", "--verbose")).isEqualTo(ExitCode.USAGE);
    assertThat(stderr()).contains("unknown option --verbose");
  }
}
