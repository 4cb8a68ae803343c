package io.pipelens.agent.output.file;

/**
 * The {@code stdout} output: the same NDJSON lines as the {@code file} output, on the agent's
 * standard output (where its own logs also go; each batch is written in one piece, so lines never
 * interleave). A batch is acknowledged once written and flushed.
 *
 * @param pretty write each record as indented, multi-line JSON for people instead of one line; false
 *     by default
 */
public record StdoutOutputConfig(Boolean pretty) {

  public StdoutOutputConfig {
    pretty = pretty != null ? pretty : false;
  }

  /** Every key at its default. */
  public static StdoutOutputConfig defaults() {
    return new StdoutOutputConfig(null);
  }
}
