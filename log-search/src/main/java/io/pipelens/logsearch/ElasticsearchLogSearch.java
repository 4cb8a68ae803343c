package io.pipelens.logsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.logsearch.elasticsearch.ElasticsearchConnection;
import io.pipelens.logsearch.elasticsearch.RestClients;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * {@link LogSearch} over the collector's Elasticsearch data streams ({@code <index_prefix>-*.*-*}).
 *
 * <p>The query is the one {@link LuceneLogSearch} runs: {@code match} on {@code message} with
 * {@code operator: and}, {@code term} filters on the keywords, a {@code range} on {@code
 * @timestamp} ({@code date_nanos}), sorted by {@code @timestamp}, {@code log.offset} (-1 when
 * missing) and {@code event.id}, all descending (or all ascending), paged with {@code search_after}. Sees what was refreshed (Elasticsearch refreshes
 * every second by default).
 */
public final class ElasticsearchLogSearch implements LogSearch {

  private final RestClient client;
  private final boolean owned;
  private final String indexPattern;

  /** Searches {@code <indexPrefix>-*.*-*} through {@code client}; closes it only when {@code owned}. */
  public ElasticsearchLogSearch(RestClient client, String indexPrefix, boolean owned) {
    this.client = client;
    this.owned = owned;
    this.indexPattern = indexPrefix + "-*.*-*";
  }

  /** A search of {@code <indexPrefix>-*.*-*} with its own client. */
  public static ElasticsearchLogSearch create(ElasticsearchConnection connection, String indexPrefix)
      throws IOException {
    return new ElasticsearchLogSearch(RestClients.build(connection), indexPrefix, true);
  }

  @Override
  public LogPage search(LogQuery query) throws IOException {
    Request request = new Request("POST", "/" + indexPattern + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.addParameter("allow_no_indices", "true");
    request.setEntity(new NStringEntity(body(query).toString(), ContentType.APPLICATION_JSON));
    Response response = client.performRequest(request);
    JsonNode result;
    try (InputStream in = response.getEntity().getContent()) {
      result = LogFields.JSON.readTree(in);
    }
    List<LogHit> hits = new ArrayList<>();
    for (JsonNode hit : result.path("hits").path("hits")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> source = LogFields.JSON.treeToValue(hit.path("_source"), Map.class);
      Instant timestamp = Instant.parse(hit.path("_source").path(LogFields.TIMESTAMP).asText());
      // The sort values, as the next page's search_after needs them: [time, offset, id].
      long offset = hit.path("sort").path(1).asLong(LogFields.NO_OFFSET);
      hits.add(new LogHit(hit.path("_id").asText(), timestamp, offset, source));
    }
    return LogPage.of(hits, query.pageSize());
  }

  /** The request body; package-private for tests. */
  static ObjectNode body(LogQuery query) {
    ObjectNode body = LogFields.JSON.createObjectNode();
    body.put("size", query.pageSize());
    body.put("track_total_hits", false);
    ObjectNode bool = body.putObject("query").putObject("bool");
    ArrayNode filter = bool.putArray("filter");
    if (query.text() != null) {
      bool.putArray("must").addObject().putObject("match").putObject(LogFields.MESSAGE)
          .put("query", query.text()).put("operator", "and");
    }
    if (query.from() != null || query.to() != null) {
      ObjectNode range = filter.addObject().putObject("range").putObject(LogFields.TIMESTAMP);
      if (query.from() != null) {
        range.put("gte", query.from().toString());
      }
      if (query.to() != null) {
        range.put("lt", query.to().toString());
      }
    }
    term(filter, LogFields.LEVEL, query.level());
    term(filter, LogFields.SPARK_APP_ID, query.sparkAppId());
    term(filter, LogFields.SPARK_EXECUTOR_ID, query.executorId());
    term(filter, LogFields.POD, query.pod());
    term(filter, LogFields.NAMESPACE, query.namespace());
    term(filter, LogFields.CONTAINER, query.container());
    String order = query.oldestFirst() ? "asc" : "desc";
    ArrayNode sort = body.putArray("sort");
    sort.addObject().putObject(LogFields.TIMESTAMP).put("order", order).put("numeric_type", "date_nanos");
    sort.addObject().putObject(LogFields.OFFSET).put("order", order).put("missing", LogFields.NO_OFFSET)
        .put("unmapped_type", "long");
    sort.addObject().putObject(LogFields.EVENT_ID).put("order", order).put("unmapped_type", "keyword");
    if (query.searchAfter() != null) {
      Cursor cursor = Cursor.decode(query.searchAfter());
      body.putArray("search_after").add(cursor.timestampNanos()).add(cursor.offset()).add(cursor.id());
    }
    return body;
  }

  private static void term(ArrayNode filter, String field, String value) {
    if (value != null) {
      filter.addObject().putObject("term").put(field, value);
    }
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      client.close();
    }
  }
}
