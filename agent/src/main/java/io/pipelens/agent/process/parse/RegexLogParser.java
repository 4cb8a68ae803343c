package io.pipelens.agent.process.parse;

import io.pipelens.core.record.AnyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses records with a user's regular expression ({@code parser.pattern}), matched at the start of
 * the record. Named groups {@code time}, {@code level} and {@code message} fill the timestamp,
 * severity and body; other named groups become string attributes; text after the match (the
 * following lines of a multiline record) is appended to the message.
 */
final class RegexLogParser implements RecordParser {

  // Java 17's Matcher cannot list its named groups, so they are read from the pattern's text.
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final Matcher matcher;
  private final TimeFormat timeFormat;
  private final boolean hasTime;
  private final boolean hasLevel;
  private final boolean hasMessage;
  private final String[] attributeGroups;

  RegexLogParser(String regex, TimeFormat timeFormat) {
    this.matcher = Pattern.compile(regex).matcher("");
    this.timeFormat = timeFormat;
    List<String> names = new ArrayList<>();
    Matcher groups = GROUP_NAME.matcher(regex);
    while (groups.find()) {
      // The escaped "\(?<x>" is a literal, not a group; rare enough to ignore in any position but this.
      if (groups.start() == 0 || regex.charAt(groups.start() - 1) != '\\') {
        names.add(groups.group(1));
      }
    }
    this.hasTime = names.remove("time");
    this.hasLevel = names.remove("level");
    this.hasMessage = names.remove("message");
    this.attributeGroups = names.toArray(new String[0]);
  }

  @Override
  public boolean parse(String text, ParsedRecord into) {
    if (!matcher.reset(text).lookingAt()) {
      return false;
    }
    if (hasTime) {
      String time = matcher.group("time");
      if (time != null) {
        long nanos = timeFormat.parse(time);
        if (nanos == Timestamps.INVALID) {
          into.markIncomplete();
        } else {
          into.timestampNanos(nanos);
        }
      }
    }
    if (hasLevel) {
      String level = matcher.group("level");
      if (level != null) {
        into.level(level);
      }
    }
    for (String name : attributeGroups) {
      String value = matcher.group(name);
      if (value != null) {
        into.put(name, AnyValue.of(value));
      }
    }
    String message = hasMessage ? matcher.group("message") : null;
    if (message == null) {
      into.body(text);
    } else if (matcher.end() < text.length()) {
      into.body(message + text.substring(matcher.end()));
    } else {
      into.body(message);
    }
    return true;
  }
}
