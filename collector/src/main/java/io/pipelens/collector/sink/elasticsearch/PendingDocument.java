package io.pipelens.collector.sink.elasticsearch;

import io.pipelens.core.record.LogRecord;

/** One document on its way to Elasticsearch, with the write it belongs to. */
final class PendingDocument {

  final String dataStream;
  final String id;
  final byte[] json;
  final LogRecord record;
  final WriteAck ack;
  int attempts; // touched only by the worker that holds the document

  PendingDocument(String dataStream, String id, byte[] json, LogRecord record, WriteAck ack) {
    this.dataStream = dataStream;
    this.id = id;
    this.json = json;
    this.record = record;
    this.ack = ack;
  }

  /** What the document costs in a bulk body: the JSON plus the action line, roughly. */
  long bulkBytes() {
    return json.length + 64L + dataStream.length() + id.length();
  }
}
