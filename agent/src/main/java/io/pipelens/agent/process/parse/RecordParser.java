package io.pipelens.agent.process.parse;

/**
 * Turns a record's text into fields. An instance may keep matchers and caches between calls, so it
 * serves one file at a time; {@link Parsers#create} makes one per file.
 */
public interface RecordParser {

  /**
   * Parses {@code text} into {@code into}, which the caller has reset.
   *
   * @return false when the text does not have this parser's shape; the caller then keeps the whole
   *     text as the body, whatever the parser left in {@code into}
   */
  boolean parse(String text, ParsedRecord into);
}
