package io.pipelens.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The text every number and boolean in a document was written as, by location, including values
 * typed from an unquoted {@code ${...}}.
 *
 * <p>Lets a string-valued key take such a value exactly as written: {@code acks: 1} gives
 * {@code "1"}, {@code version: 1.10} gives {@code "1.10"} rather than the {@code "1.1"} the parsed
 * number would print as, and with {@code PASSWORD=0042} the line {@code password: ${PASSWORD}} gives
 * the secret {@code 0042}, not a failure because the value looked like a number in this one
 * environment.
 */
final class ScalarTexts {

  /** The attribute under which binding finds this for the document being bound. */
  static final Object ATTRIBUTE = ScalarTexts.class;

  private final Map<String, String> textByPointer = new HashMap<>();

  void add(KeyPath path, String text) {
    textByPointer.put(path.pointer().toString(), text);
  }

  /** The written text of the number or boolean {@code parser} is on, or null if unknown. */
  static String textAt(JsonParser parser, DeserializationContext context) {
    Object texts = context.getAttribute(ATTRIBUTE);
    if (!(texts instanceof ScalarTexts scalarTexts)) {
      return null;
    }
    return scalarTexts.textByPointer.get(parser.getParsingContext().pathAsPointer().toString());
  }
}
