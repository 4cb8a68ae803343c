package io.pipelens.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a bound configuration back as YAML, in the form the loader reads, for logging the effective
 * configuration at startup.
 *
 * <p>Walks record components itself rather than letting Jackson serialize the records, so that
 * exactly the keys a file can set are shown (a record's other methods can look like getters to
 * Jackson) and every {@link Secret}, wherever it sits, is written as {@code [hidden]}.
 */
final class ConfigDescriber {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final PropertyNamingStrategies.NamingBase KEY_NAMING =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  // Immutable once built and thread-safe, so one instance serves every caller.
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      // Otherwise the string "123" would be written bare and read back as a number.
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  private ConfigDescriber() {}

  static String describe(Object config) {
    try {
      return YAML.writeValueAsString(node(config)).stripTrailing();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a configuration tree as YAML", e);
    }
  }

  private static JsonNode node(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Secret || value instanceof CharSequence || value instanceof Duration
        || value instanceof DataSize || value instanceof Enum<?> || value instanceof Path) {
      return NODES.textNode(text(value));
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof Optional<?> optional) {
      return node(optional.orElse(null));
    }
    if (value.getClass().isRecord()) {
      return record(value);
    }
    if (value instanceof Map<?, ?> map) {
      // Sorted: records usually hold Map.copyOf(...), whose order changes from run to run, and
      // startup logs are compared across runs.
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
      ObjectNode node = NODES.objectNode();
      sorted.forEach((key, entry) -> node.set(key, node(entry)));
      return node;
    }
    if (value instanceof Collection<?> collection) {
      ArrayNode node = NODES.arrayNode();
      collection.forEach(element -> node.add(node(element)));
      return node;
    }
    if (value.getClass().isArray()) {
      ArrayNode node = NODES.arrayNode();
      for (int i = 0; i < Array.getLength(value); i++) {
        node.add(node(Array.get(value, i)));
      }
      return node;
    }
    return NODES.textNode(String.valueOf(value));
  }

  private static String text(Object value) {
    if (value instanceof Duration duration) {
      return Durations.format(duration);
    }
    if (value instanceof Enum<?> constant) {
      return EnumWireFormat.wireName(constant);
    }
    return value.toString();
  }

  private static JsonNode number(Number number) {
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return NODES.numberNode(number.intValue());
    }
    if (number instanceof Long) {
      return NODES.numberNode(number.longValue());
    }
    if (number instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (number instanceof BigDecimal big) {
      return NODES.numberNode(big);
    }
    return NODES.numberNode(number.doubleValue());
  }

  private static ObjectNode record(Object record) {
    ObjectNode node = NODES.objectNode();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      node.set(KEY_NAMING.translate(component.getName()), node(read(component, record)));
    }
    return node;
  }

  private static Object read(RecordComponent component, Object record) {
    Method accessor = component.getAccessor();
    // Records declared package-private (as tests and internal configs often are) need this.
    accessor.trySetAccessible();
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("cannot read " + component.getName() + " of "
          + record.getClass().getName(), e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("reading " + component.getName() + " of "
          + record.getClass().getName() + " failed", e.getCause());
    }
  }
}
