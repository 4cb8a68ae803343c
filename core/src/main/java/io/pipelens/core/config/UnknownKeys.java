package io.pipelens.core.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects keys that no record component binds, walking the document against the target type before
 * any record is built.
 *
 * <p>Jackson also rejects unknown keys, but only after running the record's constructor, so a
 * misspelt required key would be reported as missing instead of as the typo it is. Checking first
 * also lists the known keys in declaration order.
 */
final class UnknownKeys {

  private final ObjectMapper mapper;

  UnknownKeys(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void check(JsonNode document, JavaType type) throws ConfigProblem {
    check(document, type, KeyPath.ROOT);
  }

  private void check(JsonNode node, JavaType type, KeyPath path) throws ConfigProblem {
    if (ConfigModule.isValueType(type.getRawClass())) {
      return;
    }
    if (type.isRecordType() && node.isObject()) {
      Map<String, JavaType> known = keys(type);
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        KeyPath child = path.key(entry.getKey());
        JavaType childType = known.get(entry.getKey());
        if (childType == null) {
          throw new ConfigProblem(child, reason(known.keySet()));
        }
        check(entry.getValue(), childType, child);
      }
    } else if ((type.isCollectionLikeType() || type.isArrayType()) && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), type.getContentType(), path.index(i));
      }
    } else if (type.isMapLikeType() && node.isObject()) {
      Class<?> keyType = type.getKeyType().getRawClass();
      List<String> allowedKeys = keyType.isEnum() ? EnumWireFormat.wireNames(keyType) : null;
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        KeyPath child = path.key(entry.getKey());
        if (allowedKeys != null && !allowedKeys.contains(entry.getKey())) {
          throw new ConfigProblem(child, reason(allowedKeys));
        }
        check(entry.getValue(), type.getContentType(), child);
      }
    }
    // Anything else is left to binding, which reports a mismatched shape better than a key would.
  }

  /** The keys a record binds, as written in YAML, in declaration order, with their types. */
  private Map<String, JavaType> keys(JavaType recordType) {
    BeanDescription description = mapper.getDeserializationConfig().introspect(recordType);
    Map<String, JavaType> keys = new LinkedHashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      // A record's other methods can look like getters; only its components are keys.
      if (property.hasConstructorParameter()) {
        keys.put(property.getName(), property.getPrimaryType());
      }
    }
    return keys;
  }

  static String reason(Collection<String> knownKeys) {
    return knownKeys.isEmpty()
        ? "unknown key (this section takes no keys)"
        : "unknown key (known keys: " + String.join(", ", knownKeys) + ")";
  }
}
