package io.pipelens.agent.process;

import io.pipelens.agent.process.multiline.MultilineConfig;
import io.pipelens.agent.process.parse.ParserConfig;
import io.pipelens.agent.process.parse.ParserType;

/**
 * How one input turns lines into records: the {@code preset}, {@code multiline} and {@code parser}
 * keys of {@code inputs[n]}. After construction {@link #multiline()} and {@link #parser()} are the
 * effective settings, with the preset applied:
 *
 * <ul>
 *   <li>{@code multiline} with a pattern (or {@code python_tracebacks}) replaces the preset's rules;
 *       without one it only sets the limits ({@code max_lines}, {@code max_record_size}) of the
 *       preset's rules;
 *   <li>{@code parser.type} replaces the preset's parser; without it the preset's parser runs with
 *       the {@code time_format} and {@code time_zone} given, so {@code preset: spark} plus {@code
 *       parser: {time_zone: Asia/Shanghai}} reads Spark's local timestamps right.
 * </ul>
 *
 * @param preset ready-made rules for Spark, Ray, Python or Java logs; none by default
 * @param multiline how lines join into records; one line one record by default
 * @param parser how a record's text becomes fields; {@code none} by default
 */
public record ProcessingConfig(Preset preset, MultilineConfig multiline, ParserConfig parser) {

  public ProcessingConfig {
    if (multiline == null) {
      multiline = preset != null ? preset.multiline() : MultilineConfig.defaults();
    } else if (!multiline.joinsLines() && preset != null) {
      multiline = preset.multiline().withLimitsOf(multiline);
    }
    if (parser == null) {
      parser = ParserConfig.of(preset != null ? preset.parser() : ParserType.NONE);
    } else if (parser.type() == null) {
      parser = parser.withType(preset != null ? preset.parser() : ParserType.NONE);
    }
  }

  /** One line, one record, no parser. */
  public static ProcessingConfig defaults() {
    return new ProcessingConfig(null, null, null);
  }

  /** {@code preset}'s rules and parser with their defaults. */
  public static ProcessingConfig of(Preset preset) {
    return new ProcessingConfig(preset, null, null);
  }
}
