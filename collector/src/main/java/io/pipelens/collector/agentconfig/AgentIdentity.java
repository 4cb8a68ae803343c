package io.pipelens.collector.agentconfig;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an agent says about itself when it asks for its configuration, in the query string: {@code
 * compute_type}, {@code namespace} (a sidecar's pod namespace; a DaemonSet agent has none) and
 * {@code label=key=value} once per pod label.
 */
record AgentIdentity(String computeType, String namespace, Map<String, String> labels) {

  static AgentIdentity fromQuery(String rawQuery) {
    String computeType = null;
    String namespace = null;
    Map<String, String> labels = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = decode(pair.substring(0, eq));
        String value = decode(pair.substring(eq + 1));
        switch (key) {
          case "compute_type" -> computeType = value;
          case "namespace" -> namespace = value;
          case "label" -> {
            int split = value.indexOf('=');
            if (split > 0) {
              labels.put(value.substring(0, split), value.substring(split + 1));
            }
          }
          default -> { }
        }
      }
    }
    return new AgentIdentity(computeType, namespace, Map.copyOf(labels));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  @Override
  public String toString() {
    return "compute_type=" + computeType + ", namespace=" + namespace + ", labels=" + labels;
  }
}
