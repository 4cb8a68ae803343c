package io.pipelens.logsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the two stores are asked: the container filter and the oldest-first order in both query
 * languages, and cursors taken from any hit. That both stores then answer alike is checked
 * against real ones by the collector's {@code SearchParityIT}.
 */
class LogQueryTest {

  @Test
  void newestFirstUnlessAskedAndEveryWitherKeepsTheOtherCriteria() {
    LogQuery query = LogQuery.all().withContainer("executor").withOrder(LogQuery.Order.OLDEST_FIRST)
        .withText("lost").withPageSize(7).withSparkAppId("spark-a");
    assertThat(LogQuery.all().order()).isEqualTo(LogQuery.Order.NEWEST_FIRST);
    assertThat(query.oldestFirst()).isTrue();
    assertThat(query.container()).isEqualTo("executor");
    assertThat(query.withLevel("warn").container()).isEqualTo("executor");
    assertThat(query.withLevel("warn").order()).isEqualTo(LogQuery.Order.OLDEST_FIRST);
    assertThat(new LogQuery(null, null, null, null, null, null, null, null, null, null).order())
        .isEqualTo(LogQuery.Order.NEWEST_FIRST);
  }

  @Test
  void aHitsCursorPointsAtThatHit() {
    LogHit hit = new LogHit("id-1", Instant.parse("2026-01-01T00:00:00.000000123Z"), 42, Map.of());
    Cursor cursor = Cursor.decode(hit.cursor());
    assertThat(cursor.id()).isEqualTo("id-1");
    assertThat(cursor.offset()).isEqualTo(42);
    assertThat(cursor.timestampNanos()).isEqualTo(Instants.nanos(hit.timestamp()));
    assertThat(LogQuery.all().withSearchAfter(hit.cursor()).searchAfter()).isEqualTo(hit.cursor());
    assertThatThrownBy(() -> LogQuery.all().withSearchAfter("%%")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void elasticsearchSortsEveryKeyTheSameWayAndFiltersTheContainer() {
    JsonNode newest = ElasticsearchLogSearch.body(LogQuery.all());
    assertThat(newest.at("/sort/0/@timestamp/order").asText()).isEqualTo("desc");
    assertThat(newest.at("/sort/1/log.offset/order").asText()).isEqualTo("desc");
    assertThat(newest.at("/sort/1/log.offset/missing").asLong()).isEqualTo(LogFields.NO_OFFSET);
    assertThat(newest.at("/sort/2/event.id/order").asText()).isEqualTo("desc");
    JsonNode oldest = ElasticsearchLogSearch.body(
        LogQuery.all().withOrder(LogQuery.Order.OLDEST_FIRST).withContainer("spark-kubernetes-driver"));
    assertThat(oldest.at("/sort/0/@timestamp/order").asText()).isEqualTo("asc");
    assertThat(oldest.at("/sort/1/log.offset/order").asText()).isEqualTo("asc");
    assertThat(oldest.at("/sort/2/event.id/order").asText()).isEqualTo("asc");
    assertThat(oldest.at("/query/bool/filter/0/term/kubernetes.container.name").asText())
        .isEqualTo("spark-kubernetes-driver");
  }

  @Test
  void luceneFiltersTheContainerAsAnExactTerm() {
    LuceneLogSearch search = new LuceneLogSearch(null, false);
    assertThat(search.toLucene(LogQuery.all().withContainer("executor")).toString())
        .contains("#kubernetes.container.name:executor");
  }
}
