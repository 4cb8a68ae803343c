package io.pipelens.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Strict deserializers for the scalar types configuration records use. A value of the wrong shape
 * goes to Jackson's unexpected-token handling, which the loader reports as "expected X, got Y"; a
 * value of the right shape that does not parse throws {@link InvalidValueException}.
 */
final class ValueDeserializers {

  private ValueDeserializers() {}

  /**
   * The text of a scalar as it was written in the document: a string, or a number or boolean taken
   * as text; null for anything else.
   */
  static String text(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      return parser.getText();
    }
    if (parser.currentToken().isScalarValue() && !parser.hasToken(JsonToken.VALUE_NULL)) {
      String written = ScalarTexts.textAt(parser, context);
      return written != null ? written : parser.getText();
    }
    return null;
  }

  /** The current scalar as a Java value, so a message shows a number bare and a string quoted. */
  static Object scalar(JsonParser parser, String text) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
      default -> text;
    };
  }

  /** Parses the scalar's text, reporting a failure with the value as it was written. */
  private static <T> T parse(JsonParser parser, String text, Function<String, T> parse) throws IOException {
    try {
      return parse.apply(text);
    } catch (InvalidValueException e) {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        throw e;
      }
      throw new InvalidValueException(null, scalar(parser, text), e.reason());
    }
  }

  /** Strings, and numbers and booleans exactly as written; never a list or mapping. */
  static final class Text extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    Text() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = text(parser, context);
      return text != null ? text : (String) context.handleUnexpectedToken(String.class, parser);
    }
  }

  static final class SecretValue extends StdScalarDeserializer<Secret> {
    private static final long serialVersionUID = 1L;

    SecretValue() {
      super(Secret.class);
    }

    @Override
    public Secret deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = text(parser, context);
      return text != null ? Secret.of(text) : (Secret) context.handleUnexpectedToken(Secret.class, parser);
    }
  }

  static final class PathValue extends StdScalarDeserializer<Path> {
    private static final long serialVersionUID = 1L;

    PathValue() {
      super(Path.class);
    }

    @Override
    public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = text(parser, context);
      if (text == null) {
        return (Path) context.handleUnexpectedToken(Path.class, parser);
      }
      return parse(parser, text, PathValue::path);
    }

    private static Path path(String text) {
      if (text.isEmpty()) {
        throw new InvalidValueException(null, text, "must not be empty");
      }
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw new InvalidValueException(null, text, "not a valid path: " + e.getReason());
      }
    }
  }

  /** Strings such as {@code 5s}; a bare number is rejected because its unit would be a guess. */
  static final class DurationValue extends StdScalarDeserializer<Duration> {
    private static final long serialVersionUID = 1L;

    DurationValue() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = text(parser, context);
      if (text == null || parser.hasToken(JsonToken.VALUE_TRUE) || parser.hasToken(JsonToken.VALUE_FALSE)) {
        return (Duration) context.handleUnexpectedToken(Duration.class, parser);
      }
      return parse(parser, text, Durations::parse);
    }
  }

  /** Whole numbers of bytes, or strings such as {@code 10MiB}. */
  static final class DataSizeValue extends StdScalarDeserializer<DataSize> {
    private static final long serialVersionUID = 1L;

    DataSizeValue() {
      super(DataSize.class);
    }

    @Override
    public DataSize deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
        return DataSize.ofBytes(parser.getLongValue());
      }
      String text = text(parser, context);
      if (text == null || parser.hasToken(JsonToken.VALUE_TRUE) || parser.hasToken(JsonToken.VALUE_FALSE)) {
        return (DataSize) context.handleUnexpectedToken(DataSize.class, parser);
      }
      return parse(parser, text, DataSize::parse);
    }
  }
}
