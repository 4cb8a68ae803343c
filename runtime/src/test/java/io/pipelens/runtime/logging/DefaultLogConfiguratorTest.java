package io.pipelens.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Logback's own initialisation on the real context (this module's test class path has no
 * {@code logback-test.xml}), as a component's first logger does, and captures standard output.
 */
class DefaultLogConfiguratorTest {

  private static final Logger log = LoggerFactory.getLogger("io.pipelens.test.DefaultLogConfiguratorTest");

  private final PrintStream originalOut = System.out;

  @AfterEach
  void restore() throws Exception {
    System.setOut(originalOut);
    System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    reinitialise();
  }

  @Test
  void logbackStartsWithTextAtInfoOnStandardOutput() throws Exception {
    ByteArrayOutputStream out = captureStdout();
    LoggerContext context = reinitialise();

    log.debug("not at info");
    log.info("hello \u00e9");

    assertThat(out.toString(StandardCharsets.UTF_8)).matches(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[[^\\]]+\\] "
            + "io\\.pipelens\\.test\\.DefaultLogConfiguratorTest - hello \u00e9\n");
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender(LogSetup.APPENDER_NAME)).isInstanceOfSatisfying(ConsoleAppender.class,
        appender -> assertThat(((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout())
            .isInstanceOf(TextLayout.class));
  }

  @Test
  void aConfigurationFileNamedByThePropertyTakesPrecedence(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("custom.xml");
    Files.writeString(file, """
        <configuration>
          <appender name="custom" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>custom %level %msg%n</pattern></encoder>
          </appender>
          <root level="WARN"><appender-ref ref="custom"/></root>
        </configuration>
        """);
    System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, file.toString());
    ByteArrayOutputStream out = captureStdout();
    LoggerContext context = reinitialise();

    log.info("quiet");
    log.warn("loud");

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("custom WARN loud\n");
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.APPENDER_NAME)).isNull();
  }

  private static LoggerContext reinitialise() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
    return context;
  }

  private static ByteArrayOutputStream captureStdout() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    return buffer;
  }
}
