package io.pipelens.collector.sink.elasticsearch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code _bulk} request bodies as NDJSON bytes: for each document a {@code create} action line with
 * its data stream and id, then its JSON, both already encoded, so a body is one array copy per
 * document.
 */
final class BulkBodies {

  // Data streams are few (stream × engine × namespace), but namespaces come from the data; past
  // this many the cache starts over rather than growing without bound.
  private static final int MAX_CACHED_STREAMS = 10_000;

  private final Map<String, byte[]> actionPrefixes = new ConcurrentHashMap<>();

  /** {@code {"create":{"_index":"<dataStream>","_id":"}, made once per data stream. */
  byte[] actionPrefix(String dataStream) {
    byte[] prefix = actionPrefixes.get(dataStream);
    if (prefix == null) {
      if (actionPrefixes.size() >= MAX_CACHED_STREAMS) {
        actionPrefixes.clear();
      }
      String name = new String(JsonStringEncoder.getInstance().quoteAsString(dataStream));
      prefix = ("{\"create\":{\"_index\":\"" + name + "\",\"_id\":\"").getBytes(StandardCharsets.UTF_8);
      actionPrefixes.put(dataStream, prefix);
    }
    return prefix;
  }

  /** The body of one request for {@code documents}. */
  static byte[] body(List<PendingDocument> documents) {
    long size = 0;
    for (PendingDocument document : documents) {
      size += document.bulkBytes();
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a bulk body of " + size + " bytes; bulk.max_size keeps them far smaller");
    }
    byte[] body = new byte[(int) size];
    int at = 0;
    for (PendingDocument document : documents) {
      at = document.writeTo(body, at);
    }
    return body;
  }
}
