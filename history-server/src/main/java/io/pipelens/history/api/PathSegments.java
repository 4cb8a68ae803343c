package io.pipelens.history.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of one URI path segment. */
final class PathSegments {

  private PathSegments() {}

  /**
   * Decodes {@code %XX} escapes as UTF-8; unlike a query, {@code +} stays a plus.
   *
   * @throws ApiException 400 for a malformed escape
   */
  static String decode(String rawSegment) {
    if (rawSegment.indexOf('%') < 0) {
      return rawSegment;
    }
    try {
      return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Malformed path");
    }
  }
}
