package io.pipelens.agent.process.parse;

/** The parsers an input can use ({@code parser.type}); written in lower case in the file. */
public enum ParserType {
  /** The record's text is its body. */
  NONE,
  /** One JSON object per record: a business log written as JSON lines. */
  JSON,
  /** A regular expression with named groups ({@code parser.pattern}). */
  REGEX,
  /** Spark's log4j2 layouts: the default pattern layout and the structured JSON layout. */
  SPARK,
  /** Ray's C++ (raylet, GCS, core worker) and Python log lines. */
  RAY
}
