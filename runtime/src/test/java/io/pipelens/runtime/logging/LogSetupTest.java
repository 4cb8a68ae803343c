package io.pipelens.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Configures the real Logback context and captures standard output; restores both afterwards. */
class LogSetupTest {

  private static final Logger log = LoggerFactory.getLogger("io.pipelens.test.LogSetupTest");

  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;

  @AfterEach
  void restoreDefaults() throws Exception {
    System.setOut(originalOut);
    System.setErr(originalErr);
    MDC.clear();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void jsonGoesToStandardOutputOneObjectPerLine() throws Exception {
    ByteArrayOutputStream out = capture(true);
    ByteArrayOutputStream err = capture(false);
    LogSetup.configure(LogFormat.JSON, "debug");

    MDC.put("app_id", "app-1");
    log.debug("first\nsecond");
    log.trace("not logged at debug");
    log.error("failed", new IllegalStateException("boom"));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(lines.get(0));
    assertThat(first.get("log.level").asText()).isEqualTo("DEBUG");
    assertThat(first.get("message").asText()).isEqualTo("first\nsecond");
    assertThat(first.get("app_id").asText()).isEqualTo("app-1");
    JsonNode second = mapper.readTree(lines.get(1));
    assertThat(second.get("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(err.size()).isZero();
  }

  @Test
  void textAtWarnDropsInfo() {
    ByteArrayOutputStream out = capture(true);
    LogSetup.configure(new LoggingConfig(LogFormat.TEXT, "WARN"));

    log.info("quiet");
    log.warn("loud \u00e9\u4e2d");

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("quiet");
    assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  \\[[^\\]]+\\] "
        + "io\\.pipelens\\.test\\.LogSetupTest - loud \u00e9\u4e2d\n");
  }

  @Test
  void configuringTwiceReplacesTheAppenderInsteadOfAddingOne() {
    ByteArrayOutputStream out = capture(true);
    LogSetup.configure(LogFormat.TEXT, "info");
    LogSetup.configure(LogFormat.JSON, "info");

    log.info("once");

    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1).allMatch(line -> line.startsWith("{"));
  }

  @Test
  void anInvalidLevelIsRejectedAndChangesNothing() {
    LogSetup.configure(LogFormat.JSON, "error");

    assertThatThrownBy(() -> LogSetup.configure(LogFormat.TEXT, "loud"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value \"loud\" for log level: must be one of trace, debug, info, warn, error, off");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.ERROR);
    assertThat(layoutOf(root.getAppender(LogSetup.APPENDER_NAME))).isInstanceOf(JsonLayout.class);
  }

  @Test
  void theShippedLogbackXmlIsTextAtInfoOnStandardOutput() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    Appender<?> appender = root.getAppender("stdout");
    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<?>) appender).getTarget()).isEqualTo("System.out");
    assertThat(layoutOf(appender)).isInstanceOf(TextLayout.class);
  }

  private static Object layoutOf(Appender<?> appender) {
    return ((LayoutWrappingEncoder<?>) ((ConsoleAppender<?>) appender).getEncoder()).getLayout();
  }

  private static ByteArrayOutputStream capture(boolean stdout) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    if (stdout) {
      System.setOut(stream);
    } else {
      System.setErr(stream);
    }
    return buffer;
  }
}
