package io.pipelens.agent.output.otlp;

import java.nio.charset.StandardCharsets;

/**
 * The {@code partial_success} of an OTLP {@code ExportLogsServiceResponse}: how many records of an
 * accepted request the server still refused, and why. Read by hand (two fields of one nested
 * message) so the output needs no generated protobuf classes.
 *
 * @param rejectedRecords {@code rejected_log_records}; 0 when the server took everything
 * @param errorMessage {@code error_message}; empty when none
 */
record PartialSuccess(long rejectedRecords, String errorMessage) {

  static final PartialSuccess NONE = new PartialSuccess(0, "");

  private static final int WIRE_VARINT = 0;
  private static final int WIRE_FIXED64 = 1;
  private static final int WIRE_LENGTH_DELIMITED = 2;
  private static final int WIRE_FIXED32 = 5;

  /** The partial success in a protobuf response body; {@link #NONE} if absent or unreadable. */
  static PartialSuccess parse(byte[] body) {
    try {
      Reader response = new Reader(body, 0, body.length);
      while (response.hasMore()) {
        int tag = (int) response.varint();
        if (tag >>> 3 == 1 && (tag & 7) == WIRE_LENGTH_DELIMITED) {
          int length = (int) response.varint();
          return parseInner(new Reader(body, response.position, response.position + length));
        }
        response.skip(tag & 7);
      }
    } catch (RuntimeException e) {
      // Not protobuf after all (some proxies answer 200 with HTML); nothing to report.
    }
    return NONE;
  }

  private static PartialSuccess parseInner(Reader in) {
    long rejected = 0;
    String message = "";
    while (in.hasMore()) {
      int tag = (int) in.varint();
      int field = tag >>> 3;
      int wireType = tag & 7;
      if (field == 1 && wireType == WIRE_VARINT) {
        rejected = in.varint();
      } else if (field == 2 && wireType == WIRE_LENGTH_DELIMITED) {
        int length = (int) in.varint();
        message = new String(in.bytes, in.position, length, StandardCharsets.UTF_8);
        in.position += length;
      } else {
        in.skip(wireType);
      }
    }
    return new PartialSuccess(rejected, message);
  }

  private static final class Reader {
    final byte[] bytes;
    final int limit;
    int position;

    Reader(byte[] bytes, int from, int limit) {
      if (limit > bytes.length || from > limit) {
        throw new IllegalArgumentException("truncated");
      }
      this.bytes = bytes;
      this.position = from;
      this.limit = limit;
    }

    boolean hasMore() {
      return position < limit;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= limit) {
          throw new IllegalArgumentException("truncated varint");
        }
        byte b = bytes[position++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    void skip(int wireType) {
      switch (wireType) {
        case WIRE_VARINT -> varint();
        case WIRE_FIXED64 -> position += 8;
        case WIRE_LENGTH_DELIMITED -> position += (int) varint();
        case WIRE_FIXED32 -> position += 4;
        default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
      }
      if (position > limit) {
        throw new IllegalArgumentException("truncated");
      }
    }
  }
}
