package io.pipelens.agent.process;

import io.pipelens.core.config.DataSize;
import io.pipelens.agent.process.multiline.MultilineConfig;
import io.pipelens.agent.process.parse.ParserType;

/**
 * Ready-made multiline rules and parsers for the logs pipelens sees most ({@code
 * inputs[n].preset}); written in lower case in the file. See {@link ProcessingConfig} for how an
 * input's own {@code multiline} and {@code parser} override a preset.
 */
public enum Preset {

  /**
   * Spark driver and executor logs in log4j2's default layout: a record starts at a line with
   * Spark's timestamp ({@code 24/05/01 12:00:01 }) or a structured JSON line ({@code {"ts":}), so
   * stack traces and multi-line messages stay with their line; parser {@code spark}.
   */
  SPARK("\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} |\\{\"ts\":", null, false, ParserType.SPARK, null),

  /**
   * Ray's own logs (raylet, GCS, core workers, dashboard, drivers): a record starts at a C++ line
   * ({@code [2024-05-01 12:00:01,123 I }) or a Python one ({@code 2024-05-01 12:00:01,123\tINFO });
   * parser {@code ray}.
   */
  RAY("\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} [A-Z] "
          + "|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}\\t[A-Z]+ ",
      null, false, ParserType.RAY, null),

  /**
   * Python programs of any log format: indented lines continue the record before them, and
   * tracebacks stay whole (frames, the final {@code ValueError: ...} line, chained tracebacks);
   * no parser.
   */
  PYTHON(null, "[ \\t]+\\S", true, ParserType.NONE, null),

  /**
   * Java programs of any log format: stack traces continue the record before them ({@code \tat
   * ...}, {@code Caused by: ...}, {@code ... 12 more}, the {@code java.lang.Foo: message} line);
   * no parser.
   */
  JAVA(null,
      "[ \\t]+\\S|Caused by: |Suppressed: |Driver stacktrace:"
          + "|(?:[a-zA-Z_$][\\w$]*\\.)+[a-zA-Z_$][\\w$]*(?:Exception|Error|Throwable)(?::|$)",
      false, ParserType.NONE, null),

  /**
   * A Spark event-log directory ({@code spark.eventLog.dir}): single-file logs ({@code
   * <app>[_<attempt>][.inprogress]}) and rolling ones ({@code
   * eventlog_v2_<app>[_<attempt>]/events_<n>_<app>[_<attempt>]}, read in index order). Stream
   * {@code event}, one record per line with the line as it is written (no multiline, no parser),
   * lines up to 64MiB, {@code spark.app.id} from the file name; compressed logs and {@code
   * appstatus_*} markers are not read. See {@code InputConfig} for the checks.
   */
  SPARK_EVENTS(null, null, false, ParserType.NONE, DataSize.ofMebibytes(64));

  private final MultilineConfig multiline;
  private final ParserType parser;

  Preset(String startPattern, String continuationPattern, boolean tracebacks, ParserType parser,
      DataSize maxRecordSize) {
    this.multiline =
        new MultilineConfig(startPattern, continuationPattern, tracebacks, null, maxRecordSize);
    this.parser = parser;
  }

  /** The preset's multiline rules, with the default limits. */
  public MultilineConfig multiline() {
    return multiline;
  }

  /** Whether the preset reads Spark event logs. */
  public boolean eventLog() {
    return this == SPARK_EVENTS;
  }

  /** The preset's parser. */
  public ParserType parser() {
    return parser;
  }
}
