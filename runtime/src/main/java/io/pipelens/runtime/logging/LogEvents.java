package io.pipelens.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/** What both layouts take from an event, rendered the same way. */
final class LogEvents {

  // Always three fraction digits (ISO_INSTANT drops them at .000 and shows nanos when present),
  // so that lines sort and align as text.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LogEvents() {}

  static void appendTimestamp(StringBuilder out, ILoggingEvent event) {
    TIMESTAMP.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), out);
  }

  /** The formatted message; never null. */
  static String message(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    return message != null ? message : "";
  }

  /**
   * The event's context: MDC entries sorted by key (the MDC map has no order of its own), then
   * SLF4J key-value pairs in call order. A key-value pair wins over an MDC entry of the same key,
   * being the more specific of the two.
   */
  static Map<String, Object> context(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    boolean noMdc = mdc == null || mdc.isEmpty();
    boolean noPairs = pairs == null || pairs.isEmpty();
    if (noMdc && noPairs) {
      return Map.of();
    }
    Map<String, Object> context = new LinkedHashMap<>();
    if (!noMdc) {
      context.putAll(new TreeMap<>(mdc));
    }
    if (!noPairs) {
      for (KeyValuePair pair : pairs) {
        if (pair.key != null) {
          context.put(pair.key, pair.value);
        }
      }
    }
    return context;
  }

  /** The stack trace with causes and suppressed exceptions, without the trailing line break. */
  static String stackTrace(IThrowableProxy throwable) {
    String trace = ThrowableProxyUtil.asString(throwable);
    int end = trace.length();
    while (end > 0 && (trace.charAt(end - 1) == '\n' || trace.charAt(end - 1) == '\r')) {
      end--;
    }
    return trace.substring(0, end);
  }
}
