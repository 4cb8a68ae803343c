package io.pipelens.agent.process.enrich;

import io.pipelens.core.config.Checks;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of {@code enrichment.kubernetes.serverless_node_labels}: a node label that marks a
 * serverless (virtual) node. Written {@code key} (the label is there), {@code key=value} (it has
 * that value) or {@code key=~regex} (its value matches the whole regex).
 */
public record ServerlessNodeRule(String key, String value, Pattern regex) {

  /**
   * The rules used when none are configured: virtual-kubelet nodes (AKS virtual nodes on ACI,
   * Alibaba Cloud ACK virtual nodes on ECI, ACS), Alibaba Cloud's serverless virtual-node label,
   * and EKS Fargate nodes.
   */
  public static final List<String> DEFAULTS = List.of(
      "type=virtual-kubelet",
      "serverless.alibabacloud.com/virtual-node=true",
      "eks.amazonaws.com/compute-type=fargate");

  /** Parses one entry; {@code key} names it in an error. */
  public static ServerlessNodeRule parse(String key, String text) {
    Checks.required(key, text);
    int regexAt = text.indexOf("=~");
    int equalsAt = text.indexOf('=');
    String label = equalsAt < 0 ? text : text.substring(0, equalsAt);
    Checks.require(!label.isBlank() && label.matches("[A-Za-z0-9./_-]+"), key, text,
        "must be a label key, key=value or key=~regex");
    if (equalsAt < 0) {
      return new ServerlessNodeRule(label, null, null);
    }
    if (regexAt == equalsAt) {
      String regex = text.substring(regexAt + 2);
      try {
        return new ServerlessNodeRule(label, null, Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        Checks.require(false, key, text, "not a valid regular expression: " + e.getDescription());
      }
    }
    return new ServerlessNodeRule(label, text.substring(equalsAt + 1), null);
  }

  /** Whether a node with these labels matches. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.get(key);
    if (actual == null) {
      return false;
    }
    if (regex != null) {
      return regex.matcher(actual).matches();
    }
    return value == null || value.equals(actual);
  }

  @Override
  public String toString() {
    return regex != null ? key + "=~" + regex.pattern() : value != null ? key + "=" + value : key;
  }
}
