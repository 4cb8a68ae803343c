package io.pipelens.core.codec;

import io.pipelens.core.record.LogRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns a batch of records into bytes and back. Implementations are thread-safe and hold no state
 * between calls that changes what they write (the OTLP codec keeps per-thread scratch space).
 *
 * <p>A batch decodes to records equal to the ones encoded, in the same order except that records
 * are grouped by resource and scope in order of first appearance, as OTLP nests them. A batch that
 * is already grouped (as the agent's batches are) keeps its exact order.
 */
public interface LogsCodec {

  /** The MIME type of the encoded form, as HTTP and Kafka headers carry it. */
  String contentType();

  /** The batch, encoded. */
  byte[] encode(List<LogRecord> records);

  /** Writes the encoded batch to {@code out}; does not close it. */
  void encode(List<LogRecord> records, OutputStream out) throws IOException;

  /**
   * The records of an encoded batch; each carries its resource and scope name.
   *
   * @throws CodecException if {@code bytes} is not a valid encoded batch
   */
  List<LogRecord> decode(byte[] bytes) throws CodecException;

  /**
   * The records of the encoded batch in the buffer's remaining bytes. The buffer's position does
   * not move.
   *
   * @throws CodecException if those bytes are not a valid encoded batch
   */
  List<LogRecord> decode(ByteBuffer buffer) throws CodecException;

  /**
   * The records of the encoded batch that fills the rest of {@code in}; does not close it.
   *
   * @throws CodecException if the bytes are not a valid encoded batch
   * @throws IOException if reading {@code in} fails
   */
  List<LogRecord> decode(InputStream in) throws CodecException, IOException;
}
