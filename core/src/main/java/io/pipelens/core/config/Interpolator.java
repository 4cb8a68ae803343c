package io.pipelens.core.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in one scalar value with environment
 * variables.
 *
 * <ul>
 *   <li>{@code ${NAME}} fails when NAME is not set, and gives the empty string when it is set but
 *       empty.
 *   <li>{@code ${NAME:-default}} gives the default when NAME is unset or empty, as in a shell. The
 *       default runs to the first {@code }} and is taken literally.
 *   <li>{@code $${} gives a literal {@code ${}; any other {@code $} is literal.
 *   <li>Substituted values are not expanded again, so a value may contain {@code ${}.
 * </ul>
 *
 * Thread-safe; the environment is copied when the interpolator is created.
 */
final class Interpolator {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String DEFAULT_SEPARATOR = ":-";

  private final Map<String, String> env;

  Interpolator(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The result of expanding one scalar. */
  record Expansion(String text, boolean wholeExpression) {}

  /** Thrown for an unset variable or a malformed expression; the caller adds the key path. */
  static final class InterpolationException extends Exception {
    private static final long serialVersionUID = 1L;

    InterpolationException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Whether {@code text} needs {@link #expand} at all. */
  static boolean hasExpressions(String text) {
    return text.contains("${");
  }

  /**
   * Expands every expression in {@code text}.
   *
   * @return the text with variables substituted, and whether {@code text} was exactly one
   *     expression (which a caller may then type like a YAML plain scalar)
   */
  Expansion expand(String text) throws InterpolationException {
    StringBuilder out = new StringBuilder(text.length());
    int expressions = 0;
    boolean literalText = false;
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        literalText = true;
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw malformed(text.substring(i), "missing closing }");
        }
        out.append(substitute(text.substring(i, close + 1)));
        expressions++;
        i = close + 1;
      } else {
        out.append(text.charAt(i));
        literalText = true;
        i++;
      }
    }
    return new Expansion(out.toString(), expressions == 1 && !literalText);
  }

  /** Resolves one {@code ${...}} expression. */
  private String substitute(String expression) throws InterpolationException {
    String body = expression.substring(2, expression.length() - 1);
    int separator = body.indexOf(DEFAULT_SEPARATOR);
    String name = separator < 0 ? body : body.substring(0, separator);
    String fallback = separator < 0 ? null : body.substring(separator + DEFAULT_SEPARATOR.length());
    if (name.isEmpty()) {
      throw malformed(expression, "missing variable name");
    }
    if (!NAME.matcher(name).matches()) {
      throw malformed(expression, badName(name));
    }
    if (fallback != null && fallback.contains("${")) {
      // The default ends at the first '}', so a nested expression would be cut in half.
      throw malformed(expression, "nested expressions are not supported");
    }
    String value = env.get(name);
    if (fallback != null) {
      return value == null || value.isEmpty() ? fallback : value;
    }
    if (value == null) {
      throw new InterpolationException("environment variable " + name
          + " is not set (use ${" + name + ":-default} to give a default)");
    }
    return value;
  }

  private static String badName(String name) {
    // ${NAME:default} is how Spring writes a default; point at the form this loader uses.
    int colon = name.indexOf(':');
    if (colon > 0 && NAME.matcher(name.substring(0, colon)).matches()) {
      return "use ${" + name.substring(0, colon) + ":-default} to give a default";
    }
    return "variable names are letters, digits and _, not starting with a digit";
  }

  private static InterpolationException malformed(String expression, String reason) {
    return new InterpolationException("malformed expression " + Values.quote(expression) + ": " + reason);
  }
}
