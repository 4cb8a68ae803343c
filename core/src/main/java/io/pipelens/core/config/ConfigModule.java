package io.pipelens.core.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleKeyDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Registers the configuration value types and the enum wire format (values and map keys) with Jackson. */
final class ConfigModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /**
   * Types bound from a single scalar even though they may look like records to Jackson; the
   * unknown-key check must not descend into them.
   */
  private static final Set<Class<?>> VALUE_TYPES =
      Set.of(String.class, Secret.class, Path.class, Duration.class, DataSize.class);

  ConfigModule() {
    super("pipelens-config");
    SimpleDeserializers deserializers = new SimpleDeserializers() {
      private static final long serialVersionUID = 1L;

      @Override
      public JsonDeserializer<?> findEnumDeserializer(
          Class<?> type, DeserializationConfig config, BeanDescription description) {
        return new EnumWireFormat.Deserializer(type);
      }
    };
    deserializers.addDeserializer(String.class, new ValueDeserializers.Text());
    deserializers.addDeserializer(Secret.class, new ValueDeserializers.SecretValue());
    deserializers.addDeserializer(Path.class, new ValueDeserializers.PathValue());
    deserializers.addDeserializer(Duration.class, new ValueDeserializers.DurationValue());
    deserializers.addDeserializer(DataSize.class, new ValueDeserializers.DataSizeValue());
    setDeserializers(deserializers);
    setKeyDeserializers(new SimpleKeyDeserializers() {
      private static final long serialVersionUID = 1L;

      @Override
      public KeyDeserializer findKeyDeserializer(
          JavaType type, DeserializationConfig config, BeanDescription description) {
        return type.isEnumType() ? new EnumWireFormat.MapKeys(type.getRawClass()) : null;
      }
    });
  }

  static boolean isValueType(Class<?> type) {
    return VALUE_TYPES.contains(type) || type.isEnum() || type.isPrimitive();
  }
}
