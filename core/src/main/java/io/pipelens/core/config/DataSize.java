package io.pipelens.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, written in configuration files as a whole number with an optional unit:
 * {@code 512}, {@code 512B}, {@code 10KB}, {@code 64KiB}, {@code 10MB}, {@code 1GiB}.
 *
 * <p>Decimal units ({@code KB}, {@code MB}, {@code GB}, {@code TB}) are powers of 1000 and binary
 * units ({@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}) powers of 1024, as their names say.
 * Units are case-sensitive, so {@code 10mb} is rejected rather than guessed.
 *
 * @param bytes the size in bytes, never negative
 */
public record DataSize(long bytes) {

  /** The accepted units. */
  public static final String UNITS = "B, KB, KiB, MB, MiB, GB, GiB, TB, TiB";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");

  private enum Unit {
    // Binary before decimal within a magnitude, so toString() prefers KiB when both are exact.
    TIB("TiB", 1L << 40), TB("TB", 1_000_000_000_000L),
    GIB("GiB", 1L << 30), GB("GB", 1_000_000_000L),
    MIB("MiB", 1L << 20), MB("MB", 1_000_000L),
    KIB("KiB", 1L << 10), KB("KB", 1_000L),
    B("B", 1L);

    final String symbol;
    final long bytes;

    Unit(String symbol, long bytes) {
      this.symbol = symbol;
      this.bytes = bytes;
    }
  }

  /** @throws InvalidValueException if {@code bytes} is negative */
  public DataSize {
    if (bytes < 0) {
      throw new InvalidValueException(null, bytes, "must not be negative");
    }
  }

  /** A size of {@code bytes} bytes. */
  public static DataSize ofBytes(long bytes) {
    return new DataSize(bytes);
  }

  /** A size of {@code kibibytes} × 1024 bytes. */
  public static DataSize ofKibibytes(long kibibytes) {
    return new DataSize(Math.multiplyExact(kibibytes, Unit.KIB.bytes));
  }

  /** A size of {@code mebibytes} × 1024² bytes. */
  public static DataSize ofMebibytes(long mebibytes) {
    return new DataSize(Math.multiplyExact(mebibytes, Unit.MIB.bytes));
  }

  /** A size of {@code gibibytes} × 1024³ bytes. */
  public static DataSize ofGibibytes(long gibibytes) {
    return new DataSize(Math.multiplyExact(gibibytes, Unit.GIB.bytes));
  }

  /**
   * Parses {@code 512}, {@code 10KB}, {@code 64KiB}, {@code 1GiB} and the like.
   *
   * @throws InvalidValueException if the text is not a whole number with an optional unit from
   *     {@link #UNITS}, or does not fit in a long
   */
  public static DataSize parse(String text) {
    Matcher matcher = SIZE.matcher(text.strip());
    if (matcher.matches()) {
      String symbol = matcher.group(2);
      Unit unit = symbol.isEmpty() ? Unit.B : unit(symbol);
      if (unit != null) {
        try {
          return new DataSize(Math.multiplyExact(Long.parseLong(matcher.group(1)), unit.bytes));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new InvalidValueException(null, text, "too large for a data size");
        }
      }
      Unit differentCase = unitIgnoringCase(symbol);
      if (differentCase != null) {
        throw new InvalidValueException(null, text,
            "units are case-sensitive; did you mean " + matcher.group(1) + differentCase.symbol + "?");
      }
    }
    throw new InvalidValueException(null, text, "must be a whole number of bytes with an optional unit ("
        + UNITS + "), e.g. 512, 64KiB or 10MB");
  }

  private static Unit unit(String symbol) {
    for (Unit unit : Unit.values()) {
      if (unit.symbol.equals(symbol)) {
        return unit;
      }
    }
    return null;
  }

  private static Unit unitIgnoringCase(String symbol) {
    for (Unit unit : Unit.values()) {
      if (unit.symbol.equalsIgnoreCase(symbol)) {
        return unit;
      }
    }
    return null;
  }

  /**
   * The size in the unit that writes it with the fewest digits while staying exact, so that
   * {@link #parse} gives it back: {@code 1MiB}, {@code 10MB}, {@code 1536B}.
   */
  @Override
  public String toString() {
    Unit best = Unit.B;
    for (Unit unit : Unit.values()) {
      if (bytes % unit.bytes == 0 && bytes / unit.bytes < bytes / best.bytes) {
        best = unit;
      }
    }
    return bytes / best.bytes + best.symbol;
  }
}
