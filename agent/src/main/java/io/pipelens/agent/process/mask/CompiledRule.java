package io.pipelens.agent.process.mask;

import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A masking rule ready to run: its regex, its replacement, its counter and its cheap pre-check. */
final class CompiledRule {

  /**
   * A rule before compilation.
   *
   * @param needles literals of which at least one occurs in every match, tested before the regex
   *     runs; empty when none is known, then the regex always runs
   * @param caseInsensitive whether the needles are lower-case and compared ignoring ASCII case
   */
  record Spec(String name, String regex, String replacement, List<String> needles, boolean caseInsensitive) {}

  final String name;
  final Pattern pattern;
  final String replacement;
  final List<String> needles;
  final boolean caseInsensitive;
  final Counter masked;

  CompiledRule(Spec spec, Counter masked) {
    this.name = spec.name();
    this.pattern = Pattern.compile(spec.regex());
    this.replacement = spec.replacement();
    this.needles = spec.needles();
    this.caseInsensitive = spec.caseInsensitive();
    this.masked = masked;
  }

  /** {@code text} with every match replaced, or {@code text} itself when nothing matched. */
  String apply(String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int count = 0;
    do {
      matcher.appendReplacement(out, replacement);
      count++;
    } while (matcher.find());
    matcher.appendTail(out);
    masked.increment(count);
    return out.toString();
  }

  /**
   * The literal a user's regex starts with, as a needle, so that user rules get the same fast path
   * when they can: {@code token-[0-9a-f]+} gives {@code token-}. Empty when the pattern starts with
   * anything but at least three plain characters, or sets flags.
   */
  static List<String> leadingLiteral(String regex) {
    if (regex.indexOf('|') >= 0) {
      return List.of(); // an alternative may not contain the literal
    }
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
        // A quantifier applies to the character before it, which is then optional.
        if ((c == '*' || c == '?' || c == '{') && literal.length() > 0) {
          literal.setLength(literal.length() - 1);
        }
        if (c == '^' && i == 0) {
          continue;
        }
        break;
      }
      literal.append(c);
    }
    return literal.length() >= 3 ? List.of(literal.toString()) : List.of();
  }
}
