package io.pipelens.core.config;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns Jackson's binding failures into one-line problems at a key path, in the user's terms:
 * YAML shapes ("a list", "a mapping") rather than Java types, and the value as it was written.
 */
final class BindingErrors {

  private static final PropertyNamingStrategies.NamingBase KEY_NAMING =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private BindingErrors() {}

  /**
   * @param root the document that was being bound, to show offending values as written
   * @throws IllegalArgumentException if the failure is in the configuration type itself, which is a
   *     bug rather than a configuration problem
   */
  static ConfigProblem translate(JsonMappingException e, JsonNode root) {
    KeyPath path = KeyPath.of(e.getPath());
    InvalidValueException invalid = cause(e, InvalidValueException.class);
    if (invalid != null) {
      return new ConfigProblem(path.render(invalid.key()), invalidValue(path, invalid, e, root), e);
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      return new ConfigProblem(path.render(), UnknownKeys.reason(known), e);
    }
    InputCoercionException range = cause(e, InputCoercionException.class);
    if (range != null) {
      return new ConfigProblem(path.render(), outOfRange(range, path.resolve(root)), e);
    }
    if (e instanceof InvalidDefinitionException definition) {
      throw new IllegalArgumentException(
          "configuration type cannot be bound: " + definition.getOriginalMessage(), e);
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new ConfigProblem(path.render(), mismatch(mismatch.getTargetType(), path.resolve(root)), e);
    }
    return new ConfigProblem(path.render(), reasonFrom(e), e);
  }

  private static String invalidValue(
      KeyPath path, InvalidValueException invalid, JsonMappingException e, JsonNode root) {
    if (invalid.hasValue() || invalid.key() == null) {
      return invalid.detail();
    }
    JsonNode written = writtenValue(path, invalid.key(), e, root);
    return written == null
        ? invalid.reason()
        : "invalid value " + Values.literal(written) + ": " + invalid.reason();
  }

  /**
   * The value the file gave the record component {@code key}, for checks that did not pass one;
   * null when there is none to show, and always for secrets.
   */
  private static JsonNode writtenValue(KeyPath path, String key, JsonMappingException e, JsonNode root) {
    if (!(e instanceof ValueInstantiationException instantiation) || !SIMPLE_KEY.matcher(key).matches()
        || !instantiation.getType().isRecordType()) {
      return null;
    }
    for (var component : instantiation.getType().getRawClass().getRecordComponents()) {
      String yamlKey = KEY_NAMING.translate(component.getName());
      if (key.equals(yamlKey) || key.equals(component.getName())) {
        if (component.getType() == Secret.class) {
          return null;
        }
        JsonNode written = path.key(yamlKey).resolve(root);
        return written.isValueNode() ? written : null;
      }
    }
    return null;
  }

  private static String mismatch(Class<?> target, JsonNode got) {
    String expected = "expected " + Values.expected(target);
    if (got.isMissingNode()) {
      // A primitive record component the file left out: there is no null to fall back on.
      return target.isPrimitive() ? "missing required key" : expected;
    }
    return expected + ", got " + Values.describe(got) + hint(target, got);
  }

  /** Advice for a quoted value where a number or boolean was expected. */
  private static String hint(Class<?> target, JsonNode got) {
    if (!got.isTextual()) {
      return "";
    }
    JsonNode unquoted = PlainScalars.type(got.textValue());
    boolean wouldFit = Values.isInteger(target) ? unquoted.isIntegralNumber()
        : Values.isDecimal(target) ? unquoted.isNumber()
        : (target == boolean.class || target == Boolean.class) && unquoted.isBoolean();
    return wouldFit ? " (remove the quotes)" : "";
  }

  private static String outOfRange(InputCoercionException e, JsonNode got) {
    String value = got.isMissingNode() ? "" : "invalid value " + Values.literal(got) + ": ";
    Class<?> target = e.getTargetType();
    if (target == int.class || target == Integer.class) {
      return value + "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
    }
    if (target == long.class || target == Long.class) {
      return value + "must be between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
    }
    if (target == short.class || target == Short.class) {
      return value + "must be between " + Short.MIN_VALUE + " and " + Short.MAX_VALUE;
    }
    if (target == byte.class || target == Byte.class) {
      return value + "must be between " + Byte.MIN_VALUE + " and " + Byte.MAX_VALUE;
    }
    return value + "out of range";
  }

  /** The most specific message available: a record constructor's own, else Jackson's. */
  private static String reasonFrom(JsonMappingException e) {
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    if (deepest != e) {
      String message = deepest.getMessage();
      return message == null || message.isBlank()
          ? "invalid configuration (" + deepest.getClass().getSimpleName() + ")"
          : message.strip();
    }
    return firstLine(String.valueOf(e.getOriginalMessage()));
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse(message).strip();
  }

  private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
