package io.pipelens.history.access;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}) that a connection's peer
 * address is matched against. Only literal addresses: a host name would make trust depend on DNS.
 */
final class AddressRange {

  private final byte[] network;
  private final int prefixBits;

  private AddressRange(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  /**
   * Parses {@code address} or {@code address/bits}.
   *
   * @throws IllegalArgumentException when it is not a literal IPv4 or IPv6 address or range
   */
  static AddressRange parse(String text) {
    String spec = text.strip();
    int slash = spec.indexOf('/');
    String address = slash < 0 ? spec : spec.substring(0, slash);
    if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("must be an IP address or CIDR range, not a host name");
    }
    byte[] bytes;
    try {
      // A literal never triggers a DNS lookup.
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("must be an IP address or CIDR range");
    }
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(spec.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the prefix length after / must be a number");
      }
      if (bits < 0 || bits > bytes.length * 8) {
        throw new IllegalArgumentException("the prefix length must be 0 to " + bytes.length * 8);
      }
    }
    return new AddressRange(bytes, bits);
  }

  /** Whether {@code peer} is in the range; an IPv4 address never matches an IPv6 range. */
  boolean contains(InetAddress peer) {
    byte[] bytes = peer.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (bytes[full] & mask) == (network[full] & mask);
  }
}
