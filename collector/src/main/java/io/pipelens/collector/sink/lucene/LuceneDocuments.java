package io.pipelens.collector.sink.lucene;

import io.pipelens.logsearch.LogFields;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene form of a collector document ({@code normalize.EcsDocument}), indexed like the
 * Elasticsearch index template maps it, so both stores answer a {@code LogQuery} the same way:
 *
 * <ul>
 *   <li>{@code _id}: exact term (the update key) and sorted doc values (the tie-breaker of "newest
 *       first"); it equals {@code event.id};
 *   <li>{@code @timestamp}: epoch nanoseconds as a point (range queries) and doc values (sort);
 *   <li>{@code message}: analyzed with {@code StandardAnalyzer}, as Elasticsearch's {@code text};
 *   <li>every {@code keyword} of the template ({@link LogFields#KEYWORDS}): one exact term, left
 *       out above 1024 characters like {@code ignore_above};
 *   <li>{@code log.offset}: a long point, and doc values as {@code _offset} (the sort's second key);
 *   <li>{@code _source}: the JSON document, stored, returned by searches.
 * </ul>
 *
 * <p>{@code attributes} and {@code resource.attributes} are kept in {@code _source} only.
 */
final class LuceneDocuments {

  static final int IGNORE_ABOVE = 1024;

  private LuceneDocuments() {}

  static Document of(String id, long timestampNanos, Map<String, Object> source, byte[] json) {
    Document doc = new Document();
    doc.add(new StringField(LogFields.ID, id, Field.Store.YES));
    doc.add(new SortedDocValuesField(LogFields.ID, new BytesRef(id)));
    doc.add(new LongPoint(LogFields.TIMESTAMP, timestampNanos));
    doc.add(new NumericDocValuesField(LogFields.TIMESTAMP, timestampNanos));
    doc.add(new StoredField(LogFields.SOURCE, json));
    Object message = source.get(LogFields.MESSAGE);
    if (message instanceof String text) {
      doc.add(new TextField(LogFields.MESSAGE, text, Field.Store.NO));
    }
    for (String field : LogFields.KEYWORDS) {
      if (leaf(source, field) instanceof String value && value.length() <= IGNORE_ABOVE) {
        doc.add(new StringField(field, value, Field.Store.NO));
      }
    }
    if (leaf(source, LogFields.OFFSET) instanceof Number offset) {
      doc.add(new LongPoint(LogFields.OFFSET, offset.longValue()));
      doc.add(new NumericDocValuesField(LogFields.OFFSET_SORT, offset.longValue()));
    }
    return doc;
  }

  /** The minimal document, for one whose full form Lucene refused: still stored and findable by time. */
  static Document minimal(String id, long timestampNanos, byte[] json) {
    Document doc = new Document();
    doc.add(new StringField(LogFields.ID, id, Field.Store.YES));
    doc.add(new SortedDocValuesField(LogFields.ID, new BytesRef(id)));
    doc.add(new LongPoint(LogFields.TIMESTAMP, timestampNanos));
    doc.add(new NumericDocValuesField(LogFields.TIMESTAMP, timestampNanos));
    doc.add(new StoredField(LogFields.SOURCE, json));
    return doc;
  }

  /** The value at a dotted path of nested maps, or null. */
  @SuppressWarnings("unchecked")
  static Object leaf(Map<String, Object> source, String path) {
    Object node = source;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = ((Map<String, Object>) map).get(part);
    }
    return node;
  }
}
