package io.pipelens.core.record;

/**
 * A W3C span id: 8 bytes, held as one big-endian long. Zero is {@link #INVALID}, "no span".
 *
 * @param value the 8 bytes, big-endian
 */
public record SpanId(long value) {

  /** The number of bytes in a span id. */
  public static final int LENGTH = 8;

  /** No span id. */
  public static final SpanId INVALID = new SpanId(0);

  /** Whether this is a real span id, not zero. */
  public boolean isValid() {
    return value != 0;
  }

  /**
   * The span id in these 8 bytes.
   *
   * @throws IllegalArgumentException if there are not exactly 8 bytes
   */
  public static SpanId fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("A span id has " + LENGTH + " bytes, got " + bytes.length);
    }
    return new SpanId(Ids.readLong(bytes, 0));
  }

  /**
   * The span id in these 16 hex digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is not 16 hex digits
   */
  public static SpanId fromHex(CharSequence hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "A span id has " + 2 * LENGTH + " hex digits, got " + hex.length());
    }
    return new SpanId(Ids.parseHexLong(hex, 0));
  }

  /** The 8 bytes, in a new array. */
  public byte[] toBytes() {
    byte[] bytes = new byte[LENGTH];
    Ids.writeLong(value, bytes, 0);
    return bytes;
  }

  /** The 16 lower-case hex digits. */
  public String toHex() {
    return Ids.toHex(value);
  }

  @Override
  public String toString() {
    return "SpanId[" + toHex() + "]";
  }
}
