package io.pipelens.agent.process.parse;

import io.pipelens.core.record.AttributeNames;

/**
 * Parses Spark's log4j2 layouts. The default pattern layout of Spark 3.3 and later (and of log4j 1
 * before it), {@code %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex}:
 *
 * <pre>24/05/01 12:00:01 INFO SparkContext: Running Spark version 3.5.1</pre>
 *
 * gives the timestamp (in {@code time_zone}, since the layout writes none), the level, the logger
 * as {@code log.logger}, and as body the message with every line after it (a stack trace stays in
 * the body). A record starting with {@code {} is read as the structured JSON layout (see {@link
 * JsonLogParser.Layout#SPARK}).
 */
final class SparkLogParser implements RecordParser {

  private final LocalZone zone;
  private final JsonLogParser json;

  SparkLogParser(LocalZone zone) {
    this.zone = zone;
    this.json = new JsonLogParser(JsonLogParser.Layout.SPARK, TimeFormat.of("iso8601", zone));
  }

  @Override
  public boolean parse(String text, ParsedRecord into) {
    if (!text.isEmpty() && text.charAt(0) == '{') {
      return json.parse(text, into);
    }
    // yy/MM/dd HH:mm:ss LEVEL Logger: message
    if (text.length() < 22
        || text.charAt(2) != '/'
        || text.charAt(5) != '/'
        || text.charAt(8) != ' '
        || text.charAt(11) != ':'
        || text.charAt(14) != ':'
        || text.charAt(17) != ' ') {
      return false;
    }
    long local = Timestamps.localEpochSecond(
        2000 + Timestamps.digits(text, 0, 2),
        Timestamps.digits(text, 3, 2),
        Timestamps.digits(text, 6, 2),
        Timestamps.digits(text, 9, 2),
        Timestamps.digits(text, 12, 2),
        Timestamps.digits(text, 15, 2));
    if (local == Timestamps.INVALID || Timestamps.digits(text, 0, 2) < 0) {
      return false;
    }
    int levelEnd = text.indexOf(' ', 18);
    if (levelEnd <= 18) {
      return false;
    }
    int loggerStart = levelEnd + 1;
    int loggerEnd = loggerStart;
    while (loggerEnd < text.length() && text.charAt(loggerEnd) != ':') {
      char c = text.charAt(loggerEnd);
      if (c == ' ' || c == '\n') {
        return false; // %c{1} has no blanks: this is not the pattern layout
      }
      loggerEnd++;
    }
    if (loggerEnd == loggerStart || loggerEnd == text.length()) {
      return false;
    }
    int messageStart = loggerEnd + 1;
    if (messageStart < text.length() && text.charAt(messageStart) == ' ') {
      messageStart++;
    }
    into.timestampNanos(zone.toEpochSecond(local) * 1_000_000_000L);
    into.level(text.substring(18, levelEnd));
    into.put(AttributeNames.LOG_LOGGER, text.substring(loggerStart, loggerEnd));
    into.body(text.substring(messageStart));
    return true;
  }
}
