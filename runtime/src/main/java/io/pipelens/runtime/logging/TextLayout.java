package io.pipelens.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;

/**
 * The human-readable log format:
 *
 * <pre>
 * 2026-11-28T10:00:00.123Z INFO  [main] io.pipelens.agent.AgentService - started {pod=spark-exec-1}
 * </pre>
 *
 * <p>Timestamp in UTC with milliseconds, level padded to five characters, thread, full logger
 * name, message, then the MDC and SLF4J key-value pairs in braces when there are any, then the
 * stack trace on the following lines.
 *
 * <p>A class rather than a Logback pattern so that the default configuration ({@link
 * DefaultLogConfigurator}) and {@link LogSetup} share it and cannot drift apart.
 */
public final class TextLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    String message = LogEvents.message(event);
    StringBuilder line = new StringBuilder(96 + message.length());
    LogEvents.appendTimestamp(line, event);
    String level = event.getLevel().toString();
    line.append(' ').append(level);
    for (int i = level.length(); i < 5; i++) {
      line.append(' ');
    }
    line.append(" [").append(event.getThreadName()).append("] ")
        .append(event.getLoggerName()).append(" - ").append(message);
    Map<String, Object> context = LogEvents.context(event);
    if (!context.isEmpty()) {
      line.append(" {");
      boolean first = true;
      for (Map.Entry<String, Object> entry : context.entrySet()) {
        if (!first) {
          line.append(", ");
        }
        first = false;
        line.append(entry.getKey()).append('=').append(entry.getValue());
      }
      line.append('}');
    }
    line.append('\n');
    IThrowableProxy throwable = event.getThrowableProxy();
    if (throwable != null) {
      line.append(LogEvents.stackTrace(throwable)).append('\n');
    }
    return line.toString();
  }
}
