package io.pipelens.collector.agentconfig;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One agent configuration file, parsed:
 *
 * <pre>{@code
 * select:                     # optional; without it the file is for every agent
 *   namespaces: [data-prep]
 *   compute_type: serverless
 *   pod_labels: {spark-role: driver}
 * config:                     # required: what the agent takes instead of its own keys
 *   inputs: [...]
 *   outputs: [...]
 *   masking: {...}
 *   pipeline: {...}
 * }</pre>
 *
 * @param name the file name; files are tried in name order, and the first that selects an agent
 *     is its configuration
 * @param body the {@code config} mapping as YAML, what the agent gets
 * @param etag the strong entity tag of {@code body}, quoted
 */
record AgentConfigFile(String name, Selector selector, byte[] body, String etag) {

  /** The keys of the agent's configuration a served configuration may set. */
  static final List<String> SERVED_KEYS = List.of("inputs", "outputs", "masking", "pipeline");
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * Parses {@code text}.
   *
   * @throws InvalidAgentConfigException naming the key and the reason
   */
  static AgentConfigFile parse(String name, String text) throws InvalidAgentConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidAgentConfigException("", "not valid YAML: "
          + String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " "));
    } catch (IOException e) {
      throw new InvalidAgentConfigException("", "not readable: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidAgentConfigException("", "must be a mapping with select and config");
    }
    requireKnownKeys(root, "", List.of("select", "config"));
    JsonNode config = root.get("config");
    if (config == null || !config.isObject() || config.isEmpty()) {
      throw new InvalidAgentConfigException("config", "required: a mapping of " + String.join(", ", SERVED_KEYS));
    }
    requireKnownKeys(config, "config.", SERVED_KEYS);
    Selector selector = root.has("select") ? selector(root.get("select")) : Selector.ANY;
    byte[] body;
    try {
      body = YAML.writeValueAsBytes((ObjectNode) config);
    } catch (IOException e) {
      throw new InvalidAgentConfigException("config", "cannot be written back as YAML: " + e.getMessage());
    }
    return new AgentConfigFile(name, selector, body, etag(body));
  }

  private static Selector selector(JsonNode select) throws InvalidAgentConfigException {
    if (!select.isObject()) {
      throw new InvalidAgentConfigException("select", "must be a mapping");
    }
    requireKnownKeys(select, "select.", List.of("namespaces", "compute_type", "pod_labels"));
    Set<String> namespaces = new LinkedHashSet<>();
    JsonNode list = select.get("namespaces");
    if (list != null) {
      if (!list.isArray()) {
        throw new InvalidAgentConfigException("select.namespaces", "must be a list of namespaces");
      }
      for (JsonNode namespace : list) {
        if (!namespace.isTextual() || namespace.asText().isBlank()) {
          throw new InvalidAgentConfigException("select.namespaces", "must hold non-blank strings, got " + namespace);
        }
        namespaces.add(namespace.asText());
      }
    }
    String computeType = null;
    JsonNode type = select.get("compute_type");
    if (type != null) {
      if (!type.isTextual() || !(type.asText().equals("fixed") || type.asText().equals("serverless"))) {
        throw new InvalidAgentConfigException("select.compute_type", "must be fixed or serverless, got " + type);
      }
      computeType = type.asText();
    }
    Map<String, String> labels = new HashMap<>();
    JsonNode podLabels = select.get("pod_labels");
    if (podLabels != null) {
      if (!podLabels.isObject()) {
        throw new InvalidAgentConfigException("select.pod_labels", "must be a mapping of label to value");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = podLabels.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> label = it.next();
        if (!label.getValue().isValueNode() || label.getValue().isNull()) {
          throw new InvalidAgentConfigException("select.pod_labels." + label.getKey(), "must be a value");
        }
        labels.put(label.getKey(), label.getValue().asText());
      }
    }
    return new Selector(Set.copyOf(namespaces), computeType, Map.copyOf(labels));
  }

  private static void requireKnownKeys(JsonNode node, String prefix, List<String> known)
      throws InvalidAgentConfigException {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!known.contains(key)) {
        throw new InvalidAgentConfigException(prefix + key, "unknown key (known keys: " + String.join(", ", known) + ")");
      }
    }
  }

  private static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JVM", e);
    }
  }

}
