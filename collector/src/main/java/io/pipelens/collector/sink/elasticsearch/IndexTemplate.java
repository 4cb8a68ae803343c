package io.pipelens.collector.sink.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.core.config.Durations;
import java.io.IOException;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The composable index template behind every pipelens data stream: pattern {@code
 * <prefix>-*.*-*}, priority {@value #PRIORITY} (above Elasticsearch's built-in {@code logs-*-*} at
 * 100, so it wins where that one exists), {@code data_stream: {}}, and the mapping of {@code
 * docs/collector-schema.md}. Installed (overwritten) when the sink starts, so an upgrade brings
 * its mapping; existing backing indices keep theirs until they roll over.
 *
 * <p>{@code dynamic: false}: a field that is not in the mapping stays in {@code _source} but is not
 * indexed, so no record can grow the mapping. Free-form attributes live in {@code flattened}
 * fields.
 */
final class IndexTemplate {

  static final int PRIORITY = 500;
  private static final int KEYWORD_IGNORE_ABOVE = 1024;

  private final String name;
  private final String body;

  IndexTemplate(ElasticsearchSinkConfig config) {
    this.name = "pipelens-" + config.indexPrefix();
    this.body = body(config);
  }

  String name() {
    return name;
  }

  String body() {
    return body;
  }

  /**
   * Puts the template.
   *
   * @throws ResponseException if Elasticsearch refuses it (a 4xx is a configuration problem)
   * @throws IOException if Elasticsearch cannot be reached
   */
  void install(RestClient client) throws IOException {
    Request request = new Request("PUT", "/_index_template/" + name);
    request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
    client.performRequest(request);
  }

  private static String body(ElasticsearchSinkConfig config) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.putArray("index_patterns").add(config.indexPrefix() + "-*.*-*");
    root.put("priority", PRIORITY);
    root.putObject("data_stream");
    root.putObject("_meta").put("managed_by", "pipelens-collector")
        .put("description", "pipelens log data streams; see docs/collector-schema.md");
    ObjectNode template = root.putObject("template");
    template.putObject("settings").put("index.number_of_replicas", config.numberOfReplicas());
    if (config.retention() != null) {
      template.putObject("lifecycle").put("data_retention", Durations.format(config.retention()));
    }
    ObjectNode mappings = template.putObject("mappings");
    mappings.put("dynamic", false);
    ObjectNode props = mappings.putObject("properties");
    props.putObject("@timestamp").put("type", "date_nanos");
    props.putObject("message").put("type", "text");
    ObjectNode log = object(props, "log");
    keyword(log, "level");
    keyword(log, "logger");
    keyword(object(log, "file"), "path");
    log.putObject("offset").put("type", "long");
    ObjectNode event = object(props, "event");
    event.putObject("created").put("type", "date_nanos");
    keyword(event, "id");
    ObjectNode kubernetes = object(props, "kubernetes");
    keyword(kubernetes, "namespace");
    ObjectNode pod = object(kubernetes, "pod");
    keyword(pod, "name");
    keyword(pod, "uid");
    keyword(object(kubernetes, "container"), "name");
    keyword(object(kubernetes, "node"), "name");
    ObjectNode spark = object(props, "spark");
    keyword(spark, "app_id");
    keyword(spark, "executor_id");
    ObjectNode ray = object(props, "ray");
    keyword(ray, "job_id");
    keyword(ray, "node_id");
    ObjectNode pipelens = object(props, "pipelens");
    keyword(pipelens, "stream");
    keyword(pipelens, "compute_type");
    keyword(pipelens, "team");
    keyword(pipelens, "priority");
    keyword(object(props, "trace"), "id");
    keyword(object(props, "span"), "id");
    flattened(props, "attributes");
    flattened(object(props, "resource"), "attributes");
    return root.toString();
  }

  private static ObjectNode object(ObjectNode properties, String name) {
    return properties.putObject(name).putObject("properties");
  }

  private static void keyword(ObjectNode properties, String name) {
    properties.putObject(name).put("type", "keyword").put("ignore_above", KEYWORD_IGNORE_ABOVE);
  }

  private static void flattened(ObjectNode properties, String name) {
    properties.putObject(name).put("type", "flattened").put("ignore_above", KEYWORD_IGNORE_ABOVE);
  }
}
