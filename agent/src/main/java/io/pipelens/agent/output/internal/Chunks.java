package io.pipelens.agent.output.internal;

import io.pipelens.core.codec.LogsCodec;
import io.pipelens.core.record.LogRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes records in as few consecutive chunks as halving allows, each at most a size limit: the
 * whole list if it fits, else its two halves, recursively. A single record is one chunk whatever its
 * size; the destination decides whether it takes it.
 */
public final class Chunks {

  /** Consecutive records and their encoding. */
  public record Chunk(List<LogRecord> records, byte[] encoded) {}

  private Chunks() {}

  /** The chunks of {@code records}, in order. */
  public static List<Chunk> encode(LogsCodec codec, List<LogRecord> records, long maxBytes) {
    List<Chunk> chunks = new ArrayList<>();
    encode(codec, records, maxBytes, chunks);
    return chunks;
  }

  /** {@code records}, at least two, in at least two chunks, in order. */
  public static List<Chunk> halves(LogsCodec codec, List<LogRecord> records, long maxBytes) {
    if (records.size() < 2) {
      throw new IllegalArgumentException("cannot split " + records.size() + " record(s)");
    }
    List<Chunk> chunks = new ArrayList<>();
    int half = records.size() / 2;
    encode(codec, records.subList(0, half), maxBytes, chunks);
    encode(codec, records.subList(half, records.size()), maxBytes, chunks);
    return chunks;
  }

  private static void encode(LogsCodec codec, List<LogRecord> records, long maxBytes, List<Chunk> out) {
    byte[] encoded = codec.encode(records);
    if (encoded.length <= maxBytes || records.size() == 1) {
      out.add(new Chunk(List.copyOf(records), encoded));
      return;
    }
    int half = records.size() / 2;
    encode(codec, records.subList(0, half), maxBytes, out);
    encode(codec, records.subList(half, records.size()), maxBytes, out);
  }
}
