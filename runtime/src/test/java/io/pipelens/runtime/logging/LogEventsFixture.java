package io.pipelens.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.util.Map;

/** Builds logging events without going through a configured appender. */
final class LogEventsFixture {

  static final Instant AT = Instant.parse("2026-11-28T10:00:00.123Z");

  private static final LoggerContext context = new LoggerContext();

  private LogEventsFixture() {}

  static LoggingEvent event(Level level, String message, Throwable throwable, Map<String, String> mdc) {
    Logger logger = context.getLogger("io.pipelens.agent.FileSource");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, throwable, null);
    event.setTimeStamp(AT.toEpochMilli());
    event.setThreadName("pipelens-agent-1-reader");
    event.setMDCPropertyMap(mdc);
    return event;
  }
}
