package io.pipelens.agent.output.otlp;

import io.pipelens.agent.output.internal.BatchDelivery;
import io.pipelens.core.record.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** One POST: consecutive records of a batch, their OTLP encoding and the batch's delivery. */
final class OtlpRequest {

  final List<LogRecord> records;
  final byte[] encoded;
  final BatchDelivery delivery;
  int attempts; // worker thread only
  private byte[] gzipped; // worker thread only; compressed once, however often it is sent

  OtlpRequest(List<LogRecord> records, byte[] encoded, BatchDelivery delivery) {
    this.records = records;
    this.encoded = encoded;
    this.delivery = delivery;
  }

  /** The request body: the encoding, gzipped when {@code gzip}. */
  byte[] body(boolean gzip) {
    if (!gzip) {
      return encoded;
    }
    if (gzipped == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length / 4 + 64);
      try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024)) {
        zip.write(encoded);
      } catch (IOException e) {
        throw new UncheckedIOException("gzip into memory failed", e);
      }
      gzipped = out.toByteArray();
    }
    return gzipped;
  }
}
