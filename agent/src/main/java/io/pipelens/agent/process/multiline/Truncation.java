package io.pipelens.agent.process.multiline;

/** Why a record was cut; the tag is the {@code reason} label of the truncation counter. */
public enum Truncation {
  /** The tailer cut a line longer than its own limit. */
  LINE("line"),
  /** The record reached {@code max_record_size}. */
  MAX_RECORD_SIZE("max_record_size"),
  /** The record reached {@code max_lines}. */
  MAX_LINES("max_lines");

  private final String tag;

  Truncation(String tag) {
    this.tag = tag;
  }

  /** The metric label value. */
  public String tag() {
    return tag;
  }
}
