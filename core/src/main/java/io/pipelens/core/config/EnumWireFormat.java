package io.pipelens.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How enums appear in configuration files: the constant's name in lower case, so {@code EVENT} is
 * written {@code event} and {@code AT_LEAST_ONCE} {@code at_least_once}. Only that exact spelling is
 * accepted, so there is one way to write each value.
 */
final class EnumWireFormat {

  private EnumWireFormat() {}

  static String wireName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The wire names of {@code type}'s constants, in declaration order. */
  static List<String> wireNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      names.add(wireName((Enum<?>) constant));
    }
    return names;
  }

  /**
   * Binds map keys of one enum type from their wire names. {@link UnknownKeys} has already reported
   * unknown names by then, at their own key path.
   */
  static final class MapKeys extends KeyDeserializer {
    private final Deserializer values;

    MapKeys(Class<?> type) {
      this.values = new Deserializer(type);
    }

    @Override
    public Object deserializeKey(String key, DeserializationContext context) {
      Enum<?> constant = values.byWireName.get(key);
      if (constant == null) {
        throw new InvalidValueException(null, key, values.allowed);
      }
      return constant;
    }
  }

  /** Binds one enum type from its wire names. */
  static final class Deserializer extends StdScalarDeserializer<Enum<?>> {
    private static final long serialVersionUID = 1L;

    private final Map<String, Enum<?>> byWireName = new HashMap<>();
    private final String allowed;

    Deserializer(Class<?> type) {
      super(type);
      for (Object constant : type.getEnumConstants()) {
        byWireName.put(wireName((Enum<?>) constant), (Enum<?>) constant);
      }
      allowed = "must be one of " + String.join(", ", wireNames(type));
    }

    @Override
    public Enum<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = ValueDeserializers.text(parser, context);
      if (text != null) {
        Enum<?> constant = byWireName.get(text);
        if (constant == null) {
          throw new InvalidValueException(null, ValueDeserializers.scalar(parser, text), allowed);
        }
        return constant;
      }
      return (Enum<?>) context.handleUnexpectedToken(handledType(), parser);
    }
  }
}
