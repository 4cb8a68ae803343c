package io.pipelens.agent.process.mask;

import io.pipelens.core.config.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Secret masking ({@code masking}): applied to every record's body and string attributes before
 * the record leaves the agent.
 *
 * @param builtin whether the built-in rules run (see {@link BuiltinRules}); true by default
 * @param rules the user's own rules, run after the built-in ones; none by default
 */
public record MaskingConfig(Boolean builtin, List<MaskingRule> rules) {

  public MaskingConfig {
    builtin = builtin != null ? builtin : true;
    rules = rules != null ? List.copyOf(rules) : List.of();
    Set<String> names = new HashSet<>(BuiltinRules.NAMES);
    for (MaskingRule rule : rules) {
      Checks.require(names.add(rule.name()), "rules", rule.name(),
          "rule names must be unique and differ from the built-in ones (" + String.join(", ", BuiltinRules.NAMES) + ")");
    }
  }

  /** The built-in rules and no others. */
  public static MaskingConfig defaults() {
    return new MaskingConfig(null, null);
  }
}
