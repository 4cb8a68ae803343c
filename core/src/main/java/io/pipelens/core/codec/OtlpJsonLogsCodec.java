package io.pipelens.core.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.pipelens.core.record.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * OTLP/JSON: a batch is one {@code ExportLogsServiceRequest} in the protobuf JSON mapping as
 * OTLP/HTTP uses it with {@code Content-Type: application/json} (hex trace and span ids,
 * lowerCamelCase keys, enums as numbers, 64-bit integers as strings). Groups records like {@link
 * OtlpLogsCodec}, and reads the looser forms the mapping allows (see {@link JsonLogsReader}).
 *
 * <p>Stateless and thread-safe; share one instance.
 */
public final class OtlpJsonLogsCodec implements LogsCodec {

  /** The MIME type of OTLP/JSON. */
  public static final String CONTENT_TYPE = "application/json";

  private final JsonFactory factory =
      JsonFactory.builder()
          // The caller owns the streams it passes in.
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public byte[] encode(List<LogRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      encode(records, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void encode(List<LogRecord> records, OutputStream out) throws IOException {
    try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
      new JsonLogsWriter(json).write(records);
    }
  }

  @Override
  public List<LogRecord> decode(byte[] bytes) throws CodecException {
    return decodeInMemory(bytes, 0, bytes.length);
  }

  @Override
  public List<LogRecord> decode(ByteBuffer buffer) throws CodecException {
    if (buffer.hasArray()) {
      return decodeInMemory(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return decode(copy);
  }

  @Override
  public List<LogRecord> decode(InputStream in) throws CodecException, IOException {
    try (JsonParser json = factory.createParser(in)) {
      return decode(json);
    }
  }

  private List<LogRecord> decodeInMemory(byte[] bytes, int offset, int length)
      throws CodecException {
    try (JsonParser json = factory.createParser(bytes, offset, length)) {
      return decode(json);
    } catch (IOException e) {
      throw new AssertionError("Reading memory failed other than as bad JSON", e);
    }
  }

  private static List<LogRecord> decode(JsonParser json) throws CodecException, IOException {
    try {
      return new JsonLogsReader(json).readRequest();
    } catch (JsonProcessingException e) {
      throw new CodecException(
          "Not a valid OTLP/JSON ExportLogsServiceRequest: " + e.getMessage(), e);
    }
  }
}
