package io.pipelens.logsearch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * {@link LogSearch} over the collector's embedded Lucene index ({@code sink.lucene}).
 *
 * <p>Two ways to get one: from the running sink ({@code LuceneSink.search()}), which sees every
 * acknowledged (committed) write; or {@link #open(Path)} on {@code <data_dir>/index} from another
 * process, read-only, which sees each commit on the next search (the collector commits every
 * second). Lucene allows one writer and any number of readers of a directory.
 */
public final class LuceneLogSearch implements LogSearch {

  private static final Sort NEWEST_FIRST = order(true);
  private static final Sort OLDEST_FIRST = order(false);

  // Time, then the place in the file (lines of one millisecond stay in the order written), then the
  // id, which makes every position unique; all in one direction.
  private static Sort order(boolean newestFirst) {
    SortField offset = new SortField(LogFields.OFFSET_SORT, SortField.Type.LONG, newestFirst);
    offset.setMissingValue(LogFields.NO_OFFSET);
    return new Sort(new SortField(LogFields.TIMESTAMP, SortField.Type.LONG, newestFirst), offset,
        new SortField(LogFields.ID, SortField.Type.STRING, newestFirst));
  }

  private final Analyzer analyzer = new StandardAnalyzer();
  private final Directory ownDirectory; // null when the searchers are the sink's
  private volatile ReferenceManager<IndexSearcher> searchers;
  private final boolean owned;

  /**
   * Searches through {@code searchers}; closes them on {@link #close()} only when {@code owned}.
   */
  public LuceneLogSearch(ReferenceManager<IndexSearcher> searchers, boolean owned) {
    this.searchers = searchers;
    this.owned = owned;
    this.ownDirectory = null;
  }

  private LuceneLogSearch(Directory directory) {
    this.ownDirectory = directory;
    this.owned = true;
  }

  /**
   * A read-only search of the index in {@code indexDir} ({@code <data_dir>/index}); until the
   * collector made its first commit there, searches find nothing.
   */
  public static LuceneLogSearch open(Path indexDir) throws IOException {
    return new LuceneLogSearch(FSDirectory.open(indexDir));
  }

  @Override
  public LogPage search(LogQuery query) throws IOException {
    ReferenceManager<IndexSearcher> manager = searchers();
    if (manager == null) {
      return new LogPage(List.of(), null);
    }
    if (ownDirectory != null) {
      manager.maybeRefresh();
    }
    IndexSearcher searcher = manager.acquire();
    try {
      Query lucene = toLucene(query);
      Sort sort = query.oldestFirst() ? OLDEST_FIRST : NEWEST_FIRST;
      TopDocs top;
      if (query.searchAfter() == null) {
        top = searcher.search(lucene, query.pageSize(), sort);
      } else {
        Cursor cursor = Cursor.decode(query.searchAfter());
        int maxDoc = searcher.getIndexReader().maxDoc();
        if (maxDoc == 0) {
          return new LogPage(List.of(), null);
        }
        // Sort values are unique (the id is one), so a hit equal to the cursor on both is the
        // cursor's own document; the highest doc number makes Lucene skip it rather than repeat it
        // (ties on the sort values are broken by doc number ascending, in either order).
        FieldDoc after = new FieldDoc(maxDoc - 1, Float.NaN,
            new Object[] {cursor.timestampNanos(), cursor.offset(), new BytesRef(cursor.id())});
        top = searcher.searchAfter(after, lucene, query.pageSize(), sort);
      }
      StoredFields stored = searcher.storedFields();
      List<LogHit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc scoreDoc : top.scoreDocs) {
        FieldDoc fieldDoc = (FieldDoc) scoreDoc;
        Document document = stored.document(fieldDoc.doc);
        @SuppressWarnings("unchecked")
        Map<String, Object> source = LogFields.JSON.readValue(
            document.getBinaryValue(LogFields.SOURCE).bytes, Map.class);
        hits.add(new LogHit(document.get(LogFields.ID), Instants.of((Long) fieldDoc.fields[0]),
            (Long) fieldDoc.fields[1], source));
      }
      return LogPage.of(hits, query.pageSize());
    } finally {
      manager.release(searcher);
    }
  }

  /** The query in Lucene's terms; package-private for tests. */
  Query toLucene(LogQuery query) {
    BooleanQuery.Builder bool = new BooleanQuery.Builder();
    bool.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
    if (query.text() != null) {
      Query text = new QueryBuilder(analyzer).createBooleanQuery(LogFields.MESSAGE, query.text(),
          BooleanClause.Occur.MUST);
      // No words at all (only punctuation): Elasticsearch's match finds nothing then, too.
      bool.add(text == null ? new MatchNoDocsQuery("no words in " + query.text()) : text, BooleanClause.Occur.MUST);
    }
    if (query.from() != null || query.to() != null) {
      long from = query.from() == null ? Long.MIN_VALUE : Instants.nanos(query.from());
      long to = query.to() == null ? Long.MAX_VALUE : Instants.nanos(query.to()) - 1;
      bool.add(LongPoint.newRangeQuery(LogFields.TIMESTAMP, from, to), BooleanClause.Occur.FILTER);
    }
    term(bool, LogFields.LEVEL, query.level());
    term(bool, LogFields.SPARK_APP_ID, query.sparkAppId());
    term(bool, LogFields.SPARK_EXECUTOR_ID, query.executorId());
    term(bool, LogFields.POD, query.pod());
    term(bool, LogFields.NAMESPACE, query.namespace());
    term(bool, LogFields.CONTAINER, query.container());
    return bool.build();
  }

  private static void term(BooleanQuery.Builder bool, String field, String value) {
    if (value != null) {
      bool.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
    }
  }

  private ReferenceManager<IndexSearcher> searchers() throws IOException {
    if (searchers == null && ownDirectory != null) {
      synchronized (this) {
        if (searchers == null && DirectoryReader.indexExists(ownDirectory)) {
          searchers = new SearcherManager(ownDirectory, null);
        }
      }
    }
    return searchers;
  }

  @Override
  public void close() throws IOException {
    if (owned && searchers != null) {
      searchers.close();
    }
    if (ownDirectory != null) {
      ownDirectory.close();
    }
  }
}
