package io.pipelens.collector.normalize;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns OTLP values into what a JSON document holds. */
public final class AnyValues {

  private AnyValues() {}

  /**
   * The value as a JSON-ready Java object: String, Boolean, Long, Double (String for NaN and
   * infinities, which JSON cannot write), List, Map; bytes as base64; null for an empty value.
   */
  static Object json(AnyValue value) {
    switch (value.type()) {
      case STRING:
        return ((AnyValue.StringValue) value).value();
      case BOOL:
        return ((AnyValue.BoolValue) value).value();
      case LONG:
        return ((AnyValue.LongValue) value).value();
      case DOUBLE:
        double d = ((AnyValue.DoubleValue) value).value();
        return Double.isFinite(d) ? (Object) d : Double.toString(d);
      case BYTES:
        return Base64.getEncoder().encodeToString(((AnyValue.BytesValue) value).value());
      case ARRAY:
        List<Object> list = new ArrayList<>();
        for (AnyValue item : ((AnyValue.ArrayValue) value).values()) {
          Object json = json(item);
          if (json != null) {
            list.add(json);
          }
        }
        return list;
      case KEY_VALUE_LIST:
        return map(((AnyValue.KeyValueListValue) value).values());
      case EMPTY:
      default:
        return null;
    }
  }

  /** Attributes as a JSON object, leaving out empty values. */
  static Map<String, Object> map(Attributes attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    attributes.forEach((key, item) -> {
      Object json = json(item);
      if (json != null) {
        map.put(key, json);
      }
    });
    return map;
  }

  /**
   * The value as one string: a string as is, a scalar as Java writes it, bytes in base64, arrays
   * and key-value lists as JSON; null for an empty value.
   */
  /** The value as text: a string as is, structured values as JSON, bytes in base64; null when empty. */
  public static String text(AnyValue value) {
    if (value instanceof AnyValue.StringValue string) {
      return string.value();
    }
    Object json = json(value);
    if (json == null || json instanceof String) {
      return (String) json;
    }
    if (json instanceof List || json instanceof Map) {
      return Json.write(json);
    }
    return json.toString();
  }
}
