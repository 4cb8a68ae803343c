package io.pipelens.core.record;

/**
 * A W3C trace id: 16 bytes, held as two big-endian longs so a record carries it without an array to
 * copy. All zeros is {@link #INVALID}, the OpenTelemetry way of saying "no trace".
 *
 * @param high the first 8 bytes, big-endian
 * @param low the last 8 bytes, big-endian
 */
public record TraceId(long high, long low) {

  /** The number of bytes in a trace id. */
  public static final int LENGTH = 16;

  /** No trace id. */
  public static final TraceId INVALID = new TraceId(0, 0);

  /** Whether this is a real trace id, not all zeros. */
  public boolean isValid() {
    return high != 0 || low != 0;
  }

  /**
   * The trace id in these 16 bytes.
   *
   * @throws IllegalArgumentException if there are not exactly 16 bytes
   */
  public static TraceId fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "A trace id has " + LENGTH + " bytes, got " + bytes.length);
    }
    return new TraceId(Ids.readLong(bytes, 0), Ids.readLong(bytes, 8));
  }

  /**
   * The trace id in these 32 hex digits (either case), as W3C trace context and OTLP/JSON write it.
   *
   * @throws IllegalArgumentException if {@code hex} is not 32 hex digits
   */
  public static TraceId fromHex(CharSequence hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "A trace id has " + 2 * LENGTH + " hex digits, got " + hex.length());
    }
    return new TraceId(Ids.parseHexLong(hex, 0), Ids.parseHexLong(hex, 16));
  }

  /** The 16 bytes, in a new array. */
  public byte[] toBytes() {
    byte[] bytes = new byte[LENGTH];
    Ids.writeLong(high, bytes, 0);
    Ids.writeLong(low, bytes, 8);
    return bytes;
  }

  /** The 32 lower-case hex digits. */
  public String toHex() {
    return Ids.toHex(high) + Ids.toHex(low);
  }

  @Override
  public String toString() {
    return "TraceId[" + toHex() + "]";
  }
}
