package io.pipelens.collector.sink.elasticsearch;

import io.pipelens.core.record.LogRecord;

/** One document on its way to Elasticsearch, with the write it belongs to. */
final class PendingDocument {

  // The ASCII bytes around the id in the action line, {"create":{"_index":"<stream>","_id":" and "}}\n
  private static final int ACTION_SUFFIX_BYTES = 4;

  final String dataStream;
  /** The action line up to the id: {@code {"create":{"_index":"<dataStream>","_id":"}; shared per data stream. */
  final byte[] actionPrefix;
  final String id;
  final byte[] json;
  final LogRecord record;
  final WriteAck ack;
  int attempts; // touched only by the worker that holds the document

  PendingDocument(String dataStream, byte[] actionPrefix, String id, byte[] json, LogRecord record, WriteAck ack) {
    this.dataStream = dataStream;
    this.actionPrefix = actionPrefix;
    this.id = id;
    this.json = json;
    this.record = record;
    this.ack = ack;
  }

  /** What the document takes in a bulk body: its action line, its JSON and the newline after it. */
  long bulkBytes() {
    return actionPrefix.length + id.length() + ACTION_SUFFIX_BYTES + json.length + 1L;
  }

  /** Writes the action line and the document, each ended by a newline, at {@code at}; the offset after them. */
  int writeTo(byte[] body, int at) {
    System.arraycopy(actionPrefix, 0, body, at, actionPrefix.length);
    at += actionPrefix.length;
    // Ids are URL-safe base64 (DocumentIds): ASCII, nothing to escape.
    for (int i = 0; i < id.length(); i++) {
      body[at++] = (byte) id.charAt(i);
    }
    body[at++] = '"';
    body[at++] = '}';
    body[at++] = '}';
    body[at++] = '\n';
    System.arraycopy(json, 0, body, at, json.length);
    at += json.length;
    body[at++] = '\n';
    return at;
  }
}
