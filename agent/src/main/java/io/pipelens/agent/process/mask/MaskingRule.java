package io.pipelens.agent.process.mask;

import io.pipelens.core.config.Checks;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user's masking rule ({@code masking.rules[n]}).
 *
 * @param name names the rule in {@code pipelens_agent_masked_total{rule}}; required, letters,
 *     digits, {@code _} and {@code -}
 * @param pattern a Java regular expression; every match in the body and string attributes is
 *     replaced; required
 * @param replacement what replaces a match, with {@code $1} for groups, as {@link
 *     java.util.regex.Matcher#appendReplacement} reads it; {@code ****} by default. Keep the label
 *     in a group and put it back ({@code $1****}) so readers see that something was masked
 */
public record MaskingRule(String name, String pattern, String replacement) {

  /** What replaces a secret unless a rule says otherwise. */
  public static final String MASK = "****";

  public MaskingRule {
    Checks.required("name", name);
    Checks.require(name.matches("[A-Za-z0-9_-]+"), "name", name,
        "must be letters, digits, _ and - (it is a metric label)");
    Checks.required("pattern", pattern);
    replacement = replacement != null ? replacement : MASK;
    try {
      Pattern compiled = Pattern.compile(pattern);
      try {
        // Group references are checked against a match of nothing: "$3" with two groups fails here.
        compiled.matcher("").replaceAll(replacement);
        checkGroupReferences(compiled, replacement);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        Checks.require(false, "replacement", replacement, "not a valid replacement: " + e.getMessage());
      }
    } catch (PatternSyntaxException e) {
      Checks.require(false, "pattern", pattern, "not a valid regular expression: " + e.getDescription());
    }
  }

  /** {@code pattern} compiled. */
  public Pattern regex() {
    return Pattern.compile(pattern);
  }

  private static void checkGroupReferences(Pattern pattern, String replacement) {
    int groups = pattern.matcher("").groupCount();
    for (int i = 0; i < replacement.length() - 1; i++) {
      char c = replacement.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '$' && Character.isDigit(replacement.charAt(i + 1))
          && replacement.charAt(i + 1) - '0' > groups) {
        throw new IllegalArgumentException("no group " + replacement.charAt(i + 1));
      }
    }
  }
}
