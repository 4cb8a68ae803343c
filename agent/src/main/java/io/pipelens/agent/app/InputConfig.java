package io.pipelens.agent.app;

import io.pipelens.agent.process.Preset;
import io.pipelens.agent.process.parse.ParserType;
import io.pipelens.agent.process.ProcessingConfig;
import io.pipelens.agent.process.multiline.MultilineConfig;
import io.pipelens.agent.process.parse.ParserConfig;
import io.pipelens.agent.source.ContainerInputConfig;
import io.pipelens.agent.source.FileInputConfig;
import io.pipelens.core.config.Checks;
import io.pipelens.core.config.InvalidValueException;
import io.pipelens.core.record.Stream;

/**
 * One entry of {@code inputs}: where to read ({@code file} or {@code container}, exactly one), which
 * stream the lines belong to, and how to turn them into records.
 *
 * @param name the input's name in metrics and logs; {@code file-<n>} or {@code container-<n>} by
 *     default (the agent numbers them)
 * @param file plain files matched by globs
 * @param container Kubernetes container logs under {@code /var/log/pods}
 * @param stream {@code event}, {@code engine} or {@code business}; by default {@code engine} for
 *     {@code file} inputs and {@code business} (the job's own stdout and stderr) for {@code
 *     container} inputs
 * @param preset {@code spark}, {@code ray}, {@code python} or {@code java}: multiline rule and
 *     parser in one word; {@code spark_events}: a Spark event-log directory (stream {@code event},
 *     one record per line, never joined or parsed)
 * @param multiline overrides the preset's multiline rule or limits
 * @param parser overrides the preset's parser
 */
public record InputConfig(
    String name,
    FileInputConfig file,
    ContainerInputConfig container,
    Stream stream,
    Preset preset,
    MultilineConfig multiline,
    ParserConfig parser) {

  public InputConfig {
    if ((file == null) == (container == null)) {
      throw new InvalidValueException("", "must have exactly one of file, container");
    }
    if (name != null) {
      Checks.require(name.matches("[A-Za-z0-9_.-]{1,64}"), "name", name,
          "must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (preset != null && preset.eventLog()) {
      // Event logs must reach the archive line for line, so that it can rebuild the file.
      Checks.require(file != null, "preset", "spark_events", "needs a file input (spark.eventLog.dir)");
      Checks.require(stream == null || stream == Stream.EVENT, "stream",
          stream == null ? null : stream.wireName(),
          "must be event with preset spark_events");
      Checks.require(multiline == null || !multiline.joinsLines(), "multiline", "patterns",
          "cannot join lines with preset spark_events: an event log has one event per line");
      Checks.require(parser == null || parser.type() == null || parser.type() == ParserType.NONE,
          "parser.type", parser == null ? null : parser.type(),
          "must be none with preset spark_events: the event's JSON is the body, as written");
      stream = Stream.EVENT;
      file = file.forSparkEventLogs(preset.multiline().maxRecordSize());
    }
    if (stream == null) {
      stream = file != null ? Stream.ENGINE : Stream.BUSINESS;
    }
  }

  /** {@code name}, or the default name of the {@code index}-th input. */
  String nameOr(int index) {
    return name != null ? name : (file != null ? "file-" : "container-") + index;
  }

  /** The input's processing: preset, then explicit multiline and parser settings. */
  ProcessingConfig processing() {
    return new ProcessingConfig(preset, multiline, parser);
  }
}
