package io.pipelens.collector.source.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.pipelens.core.codec.CodecException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a message in the OTLP/JSON encoding into its protobuf builder, by the message's
 * descriptor: the Protobuf JSON mapping with OTLP's differences. Field names in lowerCamelCase (the
 * proto names are accepted too); {@code traceId} and {@code spanId} in hex, not base64; enums as
 * numbers (names accepted too); 64-bit integers as strings or numbers; unknown fields ignored, as
 * the specification asks of receivers. For OTLP metrics, which are few next to logs; logs have
 * core's streaming {@code OtlpJsonLogsCodec}.
 */
final class OtlpJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OtlpJson() {}

  /**
   * Merges {@code json} into {@code builder}.
   *
   * @throws CodecException if it is not JSON or a value has the wrong type, with the field's name
   */
  static void merge(byte[] json, Message.Builder builder) throws CodecException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CodecException("not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CodecException("not JSON: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new CodecException("empty JSON body");
    }
    merge(root, builder, builder.getDescriptorForType().getName());
  }

  private static void merge(JsonNode node, Message.Builder builder, String path) throws CodecException {
    if (!node.isObject()) {
      throw new CodecException(path + ": expected an object, got " + node.getNodeType());
    }
    Descriptor descriptor = builder.getDescriptorForType();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = fields.next();
      FieldDescriptor field = field(descriptor, entry.getKey());
      JsonNode value = entry.getValue();
      if (field == null || value.isNull()) {
        continue;
      }
      String at = path + "." + entry.getKey();
      if (field.isRepeated()) {
        if (!value.isArray()) {
          throw new CodecException(at + ": expected an array, got " + value.getNodeType());
        }
        for (int i = 0; i < value.size(); i++) {
          builder.addRepeatedField(field, value(field, value.get(i), builder, at + "[" + i + "]"));
        }
      } else {
        builder.setField(field, value(field, value, builder, at));
      }
    }
  }

  private static FieldDescriptor field(Descriptor descriptor, String name) {
    for (FieldDescriptor field : descriptor.getFields()) {
      if (field.getJsonName().equals(name) || field.getName().equals(name)) {
        return field;
      }
    }
    return null;
  }

  private static Object value(FieldDescriptor field, JsonNode value, Message.Builder parent, String at)
      throws CodecException {
    switch (field.getJavaType()) {
      case MESSAGE -> {
        Message.Builder child = parent.newBuilderForField(field);
        merge(value, child, at);
        return child.build();
      }
      case INT, LONG -> {
        long n = integer(value, at, field.getType());
        return field.getJavaType() == FieldDescriptor.JavaType.INT ? (Object) (int) n : (Object) n;
      }
      case DOUBLE -> {
        return number(value, at);
      }
      case FLOAT -> {
        return (float) number(value, at);
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw new CodecException(at + ": expected true or false, got " + value);
        }
        return value.booleanValue();
      }
      case STRING -> {
        if (!value.isTextual()) {
          throw new CodecException(at + ": expected a string, got " + value.getNodeType());
        }
        return value.textValue();
      }
      case BYTE_STRING -> {
        return bytes(field, value, at);
      }
      case ENUM -> {
        return enumValue(field, value, at);
      }
      default -> throw new CodecException(at + ": unsupported field type " + field.getType());
    }
  }

  /**
   * An integer from a JSON number or a decimal string, in the range of {@code type}; unsigned
   * values above the signed maximum come back wrapped, as protobuf's Java classes hold them.
   */
  private static long integer(JsonNode value, String at, FieldDescriptor.Type type) throws CodecException {
    BigInteger n;
    try {
      if (value.isTextual()) {
        n = new BigInteger(value.textValue().strip());
      } else if (value.isNumber()) {
        n = value.decimalValue().toBigIntegerExact(); // 1e3 and 5.0 are integers too
      } else {
        throw new CodecException(at + ": expected an integer, got " + value);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CodecException(at + ": expected an integer, got " + value, e);
    }
    int bits = switch (type) {
      case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> 32;
      default -> 64;
    };
    boolean unsigned = type == FieldDescriptor.Type.UINT32 || type == FieldDescriptor.Type.FIXED32
        || type == FieldDescriptor.Type.UINT64 || type == FieldDescriptor.Type.FIXED64;
    BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
    BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      throw new CodecException(at + ": " + n + " is out of range for " + type.name().toLowerCase(java.util.Locale.ROOT));
    }
    return n.longValue();
  }

  private static double number(JsonNode value, String at) throws CodecException {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      switch (value.textValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(value.textValue());
          } catch (NumberFormatException e) {
            throw new CodecException(at + ": expected a number, got \"" + value.textValue() + "\"", e);
          }
      }
    }
    throw new CodecException(at + ": expected a number, got " + value);
  }

  private static ByteString bytes(FieldDescriptor field, JsonNode value, String at) throws CodecException {
    if (!value.isTextual()) {
      throw new CodecException(at + ": expected a string, got " + value.getNodeType());
    }
    try {
      // OTLP/JSON writes trace and span ids in hex; other bytes as Protobuf JSON does, base64.
      if (field.getName().equals("trace_id") || field.getName().equals("span_id")) {
        return ByteString.copyFrom(HexFormat.of().parseHex(value.textValue()));
      }
      return ByteString.copyFrom(Base64.getDecoder().decode(value.textValue()));
    } catch (IllegalArgumentException e) {
      throw new CodecException(at + ": " + e.getMessage(), e);
    }
  }

  private static EnumValueDescriptor enumValue(FieldDescriptor field, JsonNode value, String at)
      throws CodecException {
    if (value.isIntegralNumber()) {
      return field.getEnumType().findValueByNumberCreatingIfUnknown(value.intValue());
    }
    if (value.isTextual()) {
      EnumValueDescriptor named = field.getEnumType().findValueByName(value.textValue());
      if (named != null) {
        return named;
      }
    }
    throw new CodecException(at + ": not a value of " + field.getEnumType().getName() + ": " + value);
  }
}
