package io.pipelens.core.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.pipelens.core.record.LogRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * OTLP protobuf: a batch is one {@code
 * opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest}, the bytes the OpenTelemetry
 * Collector's Kafka exporter writes with {@code encoding: otlp_proto} and the body of an OTLP/HTTP
 * request with {@code Content-Type: application/x-protobuf}.
 *
 * <p>Records are grouped into one {@code ResourceLogs} per distinct {@link
 * io.pipelens.core.record.Resource} and one {@code ScopeLogs} per scope name within it, in order of
 * first appearance, keeping batch order within a group. Encoding and decoding work on the record
 * model directly, without the generated message classes and their extra copy of every value; the
 * bytes are the same as the generated classes would write (a test holds them to that).
 *
 * <p>Thread-safe; share one instance. Each thread keeps the writer's size slots and the UTF-8 of
 * repeated strings (attribute keys) between batches, about 128 KiB for a batch of 4,096 records.
 */
public final class OtlpLogsCodec implements LogsCodec {

  /** The MIME type of OTLP protobuf. */
  public static final String CONTENT_TYPE = "application/x-protobuf";

  // Large enough to amortize write calls, small enough not to matter per call.
  private static final int MAX_STREAM_BUFFER = 64 * 1024;

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public byte[] encode(List<LogRecord> records) {
    EncoderScratch scratch = EncoderScratch.borrow();
    try {
      ProtoLogsWriter writer = new ProtoLogsWriter(records, scratch);
      byte[] bytes = new byte[writer.serializedSize()];
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      try {
        writer.writeTo(out);
      } catch (IOException e) {
        // Only an array too small fails here, and the array is exactly the computed size.
        throw new UncheckedIOException("Encoded size was miscomputed", e);
      }
      out.checkNoSpaceLeft();
      return bytes;
    } finally {
      scratch.release();
    }
  }

  @Override
  public void encode(List<LogRecord> records, OutputStream out) throws IOException {
    EncoderScratch scratch = EncoderScratch.borrow();
    try {
      ProtoLogsWriter writer = new ProtoLogsWriter(records, scratch);
      CodedOutputStream coded =
          CodedOutputStream.newInstance(out, Math.min(MAX_STREAM_BUFFER, writer.serializedSize()));
      writer.writeTo(coded);
      coded.flush();
    } finally {
      scratch.release();
    }
  }

  @Override
  public List<LogRecord> decode(byte[] bytes) throws CodecException {
    return decodeInMemory(CodedInputStream.newInstance(bytes));
  }

  @Override
  public List<LogRecord> decode(ByteBuffer buffer) throws CodecException {
    // Reads a heap buffer's array in place and a direct buffer without copying it.
    return decodeInMemory(CodedInputStream.newInstance(buffer.slice()));
  }

  @Override
  public List<LogRecord> decode(InputStream in) throws CodecException, IOException {
    return decode(CodedInputStream.newInstance(in));
  }

  private static List<LogRecord> decodeInMemory(CodedInputStream in) throws CodecException {
    try {
      return decode(in);
    } catch (IOException e) {
      throw new AssertionError("Reading memory failed other than as corrupt protobuf", e);
    }
  }

  private static List<LogRecord> decode(CodedInputStream in) throws CodecException, IOException {
    try {
      return new ProtoLogsReader(in).readRequest();
    } catch (InvalidProtocolBufferException e) {
      throw new CodecException(
          "Not a valid OTLP ExportLogsServiceRequest (failed at byte "
              + in.getTotalBytesRead()
              + "): "
              + e.getMessage(),
          e);
    }
  }
}
