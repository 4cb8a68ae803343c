package io.pipelens.logsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.collector.sink.lucene.LuceneSink;
import io.pipelens.collector.sink.lucene.LuceneSinkConfig;
import io.pipelens.core.record.LogRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene side of the queries, checked against a plain filter over the records. */
class LuceneLogSearchTest {

  @TempDir
  Path dir;

  @Test
  void answersFilterByFieldTimeAndTextNewestFirstAndPagesThroughEverything() throws Exception {
    LuceneSink sink = new LuceneSink(dir.resolve("index"),
        new LuceneSinkConfig(Duration.ofMillis(100), null), Clock.systemUTC(), new SimpleMeterRegistry());
    sink.start();
    try (LogSearch search = sink.search()) {
      List<LogRecord> records = SearchFixtures.records();
      sink.write(records).get(10, TimeUnit.SECONDS);

      List<LogHit> all = search.search(LogQuery.all().withPageSize(1000)).hits();
      assertThat(all).hasSize(SearchFixtures.COUNT);
      assertThat(all).isSortedAccordingTo(Comparator.comparing(LogHit::timestamp).reversed());
      // Ties on @timestamp are broken by log.offset (-1 without one), then by id, descending.
      for (int i = 1; i < all.size(); i++) {
        LogHit hit = all.get(i);
        LogHit before = all.get(i - 1);
        if (hit.timestamp().equals(before.timestamp())) {
          assertThat(hit.offset()).isLessThanOrEqualTo(before.offset());
          if (hit.offset() == before.offset()) {
            assertThat(hit.id()).isLessThan(before.id());
          }
        }
      }
      assertThat(all).filteredOn(hit -> hit.offset() == LogFields.NO_OFFSET).hasSize(6);
      assertThat(all.get(0).timestamp()).isEqualTo(SearchFixtures.T0.plusSeconds(29));
      assertThat(all.get(0).source()).containsKey("kubernetes");

      assertThat(search.search(LogQuery.all().withPageSize(1000).withLevel("error")).hits())
          .hasSize(12).allSatisfy(h -> assertThat(h.source().get("log").toString()).contains("level=error"));
      assertThat(messages(search, LogQuery.all().withPageSize(1000).withText("executor lost")))
          .hasSize(20).allSatisfy(m -> assertThat(m.toLowerCase()).contains("executor").contains("lost"));
      assertThat(search.search(LogQuery.all().withPageSize(1000)
          .withTimeRange(SearchFixtures.T0.plusSeconds(5), SearchFixtures.T0.plusSeconds(12))).hits())
          .hasSize(14);
      assertThat(search.search(LogQuery.all().withPageSize(1000).withSparkAppId("spark-a")
          .withExecutorId("driver")).hits()).hasSize(5);
      assertThat(SearchFixtures.allPages(search, LogQuery.all(), 7)).isEqualTo(all);
      // Oldest first is exactly the reverse, and a hit's cursor continues after that hit.
      LogQuery oldestFirst = LogQuery.all().withPageSize(1000).withOrder(LogQuery.Order.OLDEST_FIRST);
      List<LogHit> reversed = new java.util.ArrayList<>(all);
      java.util.Collections.reverse(reversed);
      assertThat(search.search(oldestFirst).hits()).isEqualTo(reversed);
      assertThat(SearchFixtures.allPages(search, oldestFirst, 7)).isEqualTo(reversed);
      LogHit middle = reversed.get(20);
      assertThat(search.search(oldestFirst.withSearchAfter(middle.cursor())).hits())
          .isEqualTo(reversed.subList(21, reversed.size()));
      assertThat(search.search(LogQuery.all().withPageSize(1000).withSearchAfter(middle.cursor())).hits())
          .isEqualTo(all.subList(all.size() - 20, all.size()));
      assertThat(search.search(LogQuery.all().withPageSize(1000).withContainer("spark-kubernetes-driver")).hits())
          .hasSize(15).allSatisfy(h -> assertThat(h.source().get("spark").toString()).contains("executor_id=driver"));
      // Writing the same records again replaces them: ids are positions in the pods' files.
      sink.write(records).get(10, TimeUnit.SECONDS);
      assertThat(search.search(LogQuery.all().withPageSize(1000)).hits()).isEqualTo(all);
    } finally {
      sink.stop(Duration.ofSeconds(5));
    }
    // Another process opening the directory read-only sees what was committed.
    try (LogSearch reader = LuceneLogSearch.open(dir.resolve("index"))) {
      assertThat(reader.search(LogQuery.all().withPageSize(1000)).hits()).hasSize(SearchFixtures.COUNT);
    }
  }

  @Test
  void linesOfOneFileWrittenInTheSameMillisecondComeInTheOrderWritten() throws Exception {
    LuceneSink sink = new LuceneSink(dir.resolve("index"),
        new LuceneSinkConfig(Duration.ofMillis(100), null), Clock.systemUTC(), new SimpleMeterRegistry());
    sink.start();
    try (LogSearch search = sink.search()) {
      List<String> written = new java.util.ArrayList<>();
      List<LogRecord> lines = new java.util.ArrayList<>();
      for (int n = 0; n < 20; n++) {
        written.add("line " + n);
        lines.add(LogRecord.builder()
            .timestamp(SearchFixtures.T0)
            .body(written.get(n))
            .attributes(io.pipelens.core.record.Attributes.builder()
                .put(io.pipelens.core.record.AttributeNames.LOG_FILE_PATH, "/var/log/app.log")
                .put(io.pipelens.core.record.AttributeNames.LOG_OFFSET, n * 7L)
                .build())
            .build());
      }
      sink.write(lines).get(10, TimeUnit.SECONDS);

      LogQuery oldestFirst = LogQuery.all().withOrder(LogQuery.Order.OLDEST_FIRST).withPageSize(3);
      List<String> read = SearchFixtures.allPages(search, oldestFirst, 3).stream().map(LogHit::message).toList();

      assertThat(read).containsExactlyElementsOf(written);
    } finally {
      sink.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aReaderBeforeTheFirstCommitFindsNothingInsteadOfFailing() throws Exception {
    try (LogSearch reader = LuceneLogSearch.open(dir.resolve("missing"))) {
      assertThat(reader.search(LogQuery.all()).hits()).isEmpty();
    }
  }

  private static List<String> messages(LogSearch search, LogQuery query) throws Exception {
    return search.search(query).hits().stream().map(LogHit::message).toList();
  }
}
