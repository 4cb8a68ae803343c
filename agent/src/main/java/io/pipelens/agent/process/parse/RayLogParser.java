package io.pipelens.agent.process.parse;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Severity;

/**
 * Parses Ray's two log layouts; timestamps carry no offset and are read in {@code time_zone}.
 *
 * <p>C++ components (raylet, GCS, core workers), spdlog's {@code [%Y-%m-%d %H:%M:%S,%e %L %P %t]}:
 *
 * <pre>[2024-05-01 12:00:01,123 I 1234 5678] (raylet) node_manager.cc:123: message</pre>
 *
 * gives the level letter (T, D, I, W, E, C or F), {@code process.pid}, {@code thread.id}, the
 * optional component as {@code ray.component}, {@code code.file.path} and {@code
 * code.line.number}.
 *
 * <p>Python components and drivers, {@code %(asctime)s\t%(levelname)s %(filename)s:%(lineno)s --
 * %(message)s}:
 *
 * <pre>2024-05-01 12:00:01,123	INFO worker.py:123 -- message</pre>
 *
 * <p>The body is the message with every line after it.
 */
final class RayLogParser implements RecordParser {

  private static final int TIME_LENGTH = 23; // 2024-05-01 12:00:01,123

  private final LocalZone zone;

  RayLogParser(LocalZone zone) {
    this.zone = zone;
  }

  @Override
  public boolean parse(String text, ParsedRecord into) {
    if (!text.isEmpty() && text.charAt(0) == '[') {
      return parseCpp(text, into);
    }
    return parsePython(text, into);
  }

  private boolean parseCpp(String text, ParsedRecord into) {
    int timeEnd = 1 + TIME_LENGTH;
    if (text.length() < timeEnd + 8 || text.charAt(timeEnd) != ' ' || text.charAt(timeEnd + 2) != ' ') {
      return false;
    }
    long nanos = Timestamps.iso(text, 1, timeEnd, zone);
    if (nanos == Timestamps.INVALID) {
      return false;
    }
    char level = text.charAt(timeEnd + 1);
    int closing = text.indexOf(']', timeEnd + 3);
    int newline = text.indexOf('\n');
    if (closing < 0 || (newline >= 0 && closing > newline)) {
      return false;
    }
    int pidEnd = text.indexOf(' ', timeEnd + 3);
    if (pidEnd < 0 || pidEnd > closing) {
      return false;
    }
    long pid = number(text, timeEnd + 3, pidEnd);
    if (pid < 0) {
      return false;
    }
    into.timestampNanos(nanos);
    into.level(String.valueOf(level), cppSeverity(level));
    into.put(AttributeNames.PROCESS_PID, AnyValue.of(pid));
    long thread = number(text, pidEnd + 1, closing);
    into.put(AttributeNames.THREAD_ID,
        thread >= 0 ? AnyValue.of(thread) : AnyValue.of(text.substring(pidEnd + 1, closing)));
    int at = closing + 1;
    if (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
    if (at < text.length() && text.charAt(at) == '(') {
      int end = text.indexOf(") ", at);
      if (end > at + 1 && (newline < 0 || end < newline)) {
        into.put(AttributeNames.RAY_COMPONENT, text.substring(at + 1, end));
        at = end + 2;
      }
    }
    into.body(text.substring(sourceLocation(text, at, ": ", into)));
    return true;
  }

  private boolean parsePython(String text, ParsedRecord into) {
    if (text.length() < TIME_LENGTH + 2 || text.charAt(TIME_LENGTH) != '\t') {
      return false;
    }
    long nanos = Timestamps.iso(text, 0, TIME_LENGTH, zone);
    if (nanos == Timestamps.INVALID) {
      return false;
    }
    int levelEnd = text.indexOf(' ', TIME_LENGTH + 1);
    int newline = text.indexOf('\n');
    if (levelEnd < 0 || (newline >= 0 && levelEnd > newline)) {
      return false;
    }
    into.timestampNanos(nanos);
    into.level(text.substring(TIME_LENGTH + 1, levelEnd));
    into.body(text.substring(sourceLocation(text, levelEnd + 1, " -- ", into)));
    return true;
  }

  /**
   * Reads {@code file:line} followed by {@code separator} at {@code at} into attributes and
   * returns where the message starts; {@code at} itself when the text has no such location.
   */
  private static int sourceLocation(String text, int at, String separator, ParsedRecord into) {
    int end = text.indexOf(separator, at);
    int newline = text.indexOf('\n', at);
    if (end < 0 || (newline >= 0 && end > newline)) {
      return at;
    }
    int colon = text.lastIndexOf(':', end - 1);
    if (colon <= at) {
      return at;
    }
    long line = number(text, colon + 1, end);
    int blank = text.indexOf(' ', at);
    if (line < 0 || (blank >= 0 && blank < colon)) {
      return at;
    }
    into.put(AttributeNames.CODE_FILE_PATH, text.substring(at, colon));
    into.put(AttributeNames.CODE_LINE_NUMBER, AnyValue.of(line));
    return end + separator.length();
  }

  // A non-negative decimal spanning text[from..to), or -1.
  private static long number(String text, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!Timestamps.isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static Severity cppSeverity(char level) {
    switch (level) {
      case 'T':
        return Severity.TRACE;
      case 'D':
        return Severity.DEBUG;
      case 'I':
        return Severity.INFO;
      case 'W':
        return Severity.WARN;
      case 'E':
        return Severity.ERROR;
      case 'C':
      case 'F':
        return Severity.FATAL;
      default:
        return Severity.UNSPECIFIED;
    }
  }
}
