package io.pipelens.logsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.collector.deadletter.FileDeadLetterQueue;
import io.pipelens.collector.sink.elasticsearch.BulkConfig;
import io.pipelens.collector.sink.elasticsearch.ElasticsearchSink;
import io.pipelens.collector.sink.elasticsearch.ElasticsearchSinkConfig;
import io.pipelens.collector.sink.lucene.LuceneSink;
import io.pipelens.collector.sink.lucene.LuceneSinkConfig;
import io.pipelens.collector.deadletter.DeadLetterConfig;
import io.pipelens.core.record.LogRecord;
import io.pipelens.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same records in Elasticsearch and in Lucene give the same answers, page for page. */
class SearchParityIT {

  @TempDir
  Path dir;

  @Test
  void elasticsearchAndLuceneAnswerEveryQueryAlike() throws Exception {
    String es = TestServers.elasticsearch().httpUri().toString();
    ElasticsearchSinkConfig config = new ElasticsearchSinkConfig(List.of(es), null, null, null, null,
        new BulkConfig(500, null, Duration.ofMillis(100), null), "qp", 0, null,
        new DeadLetterConfig(null, dir.resolve("dlq.jsonl")));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FileDeadLetterQueue deadLetters = new FileDeadLetterQueue(dir.resolve("dlq.jsonl"), Clock.systemUTC(), registry);
    ElasticsearchSink elasticsearch = new ElasticsearchSink(config, deadLetters, Clock.systemUTC(), registry);
    LuceneSink lucene = new LuceneSink(dir.resolve("index"), new LuceneSinkConfig(Duration.ofMillis(100), null),
        Clock.systemUTC(), registry);
    deadLetters.start();
    elasticsearch.start();
    lucene.start();
    try (LogSearch inElasticsearch = ElasticsearchLogSearch.create(config.connection(), config.indexPrefix()); LogSearch inLucene = lucene.search()) {
      List<LogRecord> records = SearchFixtures.records();
      // Two halves, so both stores see more than one batch.
      elasticsearch.write(records.subList(0, 30)).get(60, TimeUnit.SECONDS);
      elasticsearch.write(records.subList(30, records.size())).get(60, TimeUnit.SECONDS);
      lucene.write(records.subList(0, 30)).get(10, TimeUnit.SECONDS);
      lucene.write(records.subList(30, records.size())).get(10, TimeUnit.SECONDS);
      refresh(es, "qp-*");

      for (Map.Entry<String, LogQuery> query : SearchFixtures.queries().entrySet()) {
        LogPage fromElasticsearch = inElasticsearch.search(query.getValue());
        LogPage fromLucene = inLucene.search(query.getValue());
        assertThat(fromLucene.hits()).as(query.getKey()).isEqualTo(fromElasticsearch.hits());
        assertThat(fromLucene.nextCursor()).as(query.getKey()).isEqualTo(fromElasticsearch.nextCursor());
        // Paging with search_after walks the same hits, in the same order, in both.
        List<LogHit> pagedElasticsearch = SearchFixtures.allPages(inElasticsearch, query.getValue(), 4);
        assertThat(SearchFixtures.allPages(inLucene, query.getValue(), 4)).as(query.getKey() + ", paged")
            .isEqualTo(pagedElasticsearch);
        if (query.getValue().pageSize() >= 1000) {
          assertThat(pagedElasticsearch).as(query.getKey() + ", paged vs one page")
              .isEqualTo(fromElasticsearch.hits());
        }
        assertThat(fromElasticsearch.hits().isEmpty()).as(query.getKey() + " finds nothing")
            .isEqualTo(SearchFixtures.EMPTY.contains(query.getKey()));
      }
      assertThat(inElasticsearch.search(LogQuery.all().withPageSize(1000)).hits()).hasSize(SearchFixtures.COUNT);
    } finally {
      lucene.stop(Duration.ofSeconds(5));
      elasticsearch.stop(Duration.ofSeconds(5));
      deadLetters.stop(Duration.ofSeconds(5));
    }
  }

  private static void refresh(String es, String index) throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }
}
