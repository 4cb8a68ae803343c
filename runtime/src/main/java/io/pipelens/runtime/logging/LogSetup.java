package io.pipelens.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code: the root logger at the given level, one appender writing
 * {@link LogFormat#TEXT} ({@link TextLayout}) or {@link LogFormat#JSON} ({@link JsonLayout}) lines
 * to standard output in UTF-8.
 *
 * <p>Until {@code configure} is called, {@link DefaultLogConfigurator} applies: text at INFO to
 * standard output, through the same {@link TextLayout}. Each call replaces the
 * whole previous configuration. Call it once, early in {@code main} and before any service
 * starts: events logged by other threads while it runs may be lost.
 *
 * <p>Standard error is left alone, so the launcher can still print its one-line errors there.
 */
public final class LogSetup {

  /** The name of the appender {@code configure} installs on the root logger. */
  public static final String APPENDER_NAME = "stdout";

  private LogSetup() {}

  /**
   * Sets the root level and the output format.
   *
   * @param level trace, debug, info, warn, error or off, in any case
   * @throws IllegalArgumentException if {@code level} is none of those; the message names them,
   *     and the current configuration is left as it was
   * @throws IllegalStateException if SLF4J is not bound to Logback
   */
  public static void configure(LogFormat format, String level) {
    Objects.requireNonNull(format, "format");
    Level rootLevel = LogLevels.parse(level); // before reset(), so a bad level changes nothing
    LoggerContext context = loggerContext();
    context.reset();
    install(context, format, rootLevel);
  }

  /** Adds the {@value #APPENDER_NAME} appender to a freshly reset {@code context}'s root logger. */
  static void install(LoggerContext context, LogFormat format, Level rootLevel) {
    LayoutBase<ILoggingEvent> layout = format == LogFormat.JSON ? new JsonLayout() : new TextLayout();
    layout.setContext(context);
    layout.start();

    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    // Explicit: the JVM default can be US-ASCII in a minimal container image.
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.setLayout(layout);
    encoder.start();

    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER_NAME);
    appender.setTarget("System.out");
    appender.setEncoder(encoder);
    appender.start();

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel);
    root.addAppender(appender);
  }

  /** Same as {@link #configure(LogFormat, String)} with the configuration's format and level. */
  public static void configure(LoggingConfig config) {
    Objects.requireNonNull(config, "config");
    configure(config.format(), config.level());
  }

  private static LoggerContext loggerContext() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
        + ", not Logback; remove the other SLF4J provider from the classpath");
  }
}
