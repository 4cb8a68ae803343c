package io.pipelens.agent.process.parse;

/** Makes the parser a {@link ParserConfig} describes. */
public final class Parsers {

  private Parsers() {}

  /** A new parser for one file; {@code null} for {@link ParserType#NONE}. */
  public static RecordParser create(ParserConfig config) {
    LocalZone zone = LocalZone.of(config.zone());
    switch (config.type()) {
      case JSON:
        return new JsonLogParser(JsonLogParser.Layout.GENERIC, TimeFormat.of(config.timeFormat(), zone));
      case REGEX:
        return new RegexLogParser(config.pattern(), TimeFormat.of(config.timeFormat(), zone));
      case SPARK:
        return new SparkLogParser(zone);
      case RAY:
        return new RayLogParser(zone);
      default:
        return null;
    }
  }
}
