package io.pipelens.logsearch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended: the sort values of its last hit ({@code @timestamp} in epoch nanoseconds and
 * {@code event.id}), as opaque URL-safe text that both stores understand.
 */
record Cursor(long timestampNanos, String id) {

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((timestampNanos + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      return new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a search_after cursor: " + text, e);
    }
  }
}
