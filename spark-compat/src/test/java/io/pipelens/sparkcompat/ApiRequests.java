package io.pipelens.sparkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every request of issue 5's REST API for one application: each endpoint family with its
 * parameters, and every job, stage, stage attempt, RDD and SQL execution Spark's own server lists.
 * Requests are relative to {@code /api/v1/}; {@link Request#template()} writes the application id
 * as {@code {app}} for the allow-list.
 */
final class ApiRequests {

  /** A request and the name of the application it is about ({@code list} for the list). */
  record Request(String path, String template, String app) {}

  private ApiRequests() {}

  /** The application-list requests, with dates taken from {@code pivot}, an attempt of the list. */
  static List<Request> listing(JsonNode pivot) {
    String start = pivot.get("startTime").asText();
    String end = pivot.get("endTime").asText();
    List<Request> out = new ArrayList<>();
    for (String query :
        List.of(
            "",
            "?status=completed",
            "?status=running",
            "?limit=3",
            "?minDate=" + start,
            "?maxDate=" + start,
            "?minEndDate=" + end,
            "?maxEndDate=" + end,
            "?minDate=" + start.substring(0, 10) + "&limit=2")) {
      out.add(new Request("applications" + query, "applications" + query, "list"));
    }
    out.add(new Request("version", "version", "list"));
    return out;
  }

  /**
   * The requests for application {@code app}, named {@code name}; {@code spark} answers Spark's
   * server's JSON for a path, to enumerate ids.
   */
  static List<Request> forApplication(String app, String name, Function<String, JsonNode> spark) {
    List<String> paths = new ArrayList<>();
    paths.add("");
    paths.add("/jobs");
    paths.add("/jobs?status=succeeded");
    paths.add("/jobs?status=failed");
    for (JsonNode job : spark.apply("applications/" + app + "/jobs")) {
      paths.add("/jobs/" + job.get("jobId").asInt());
    }
    paths.add("/stages");
    paths.add("/stages?status=complete");
    paths.add("/stages?status=failed");
    paths.add("/stages?details=true");
    paths.add("/stages?details=true&withSummaries=true");
    paths.add("/stages?withSummaries=true&quantiles=0.1,0.5,0.9");
    paths.add("/stages?details=true&taskStatus=FAILED");
    List<String> stageIds = new ArrayList<>();
    for (JsonNode stage : spark.apply("applications/" + app + "/stages")) {
      String id = stage.get("stageId").asText();
      if (!stageIds.contains(id)) {
        stageIds.add(id);
        paths.add("/stages/" + id);
        paths.add("/stages/" + id + "?details=false");
      }
      String attempt = id + "/" + stage.get("attemptId").asText();
      paths.add("/stages/" + attempt);
      paths.add("/stages/" + attempt + "?withSummaries=true");
      paths.add("/stages/" + attempt + "/taskSummary");
      paths.add("/stages/" + attempt + "/taskSummary?quantiles=0.01,0.5,0.99");
      paths.add("/stages/" + attempt + "/taskList");
      paths.add("/stages/" + attempt + "/taskList?offset=1&length=2");
      paths.add("/stages/" + attempt + "/taskList?sortBy=-runtime");
      paths.add("/stages/" + attempt + "/taskList?status=failed");
    }
    paths.add("/executors");
    paths.add("/allexecutors");
    paths.add("/environment");
    paths.add("/storage/rdd");
    for (JsonNode rdd : spark.apply("applications/" + app + "/storage/rdd")) {
      paths.add("/storage/rdd/" + rdd.get("id").asInt());
    }
    paths.add("/sql");
    paths.add("/sql?details=false");
    paths.add("/sql?planDescription=false");
    paths.add("/sql?offset=1&length=1");
    for (JsonNode execution : spark.apply("applications/" + app + "/sql")) {
      String id = execution.get("id").asText();
      paths.add("/sql/" + id);
      paths.add("/sql/" + id + "?details=false&planDescription=false");
    }
    List<Request> out = new ArrayList<>();
    for (String path : paths) {
      out.add(new Request("applications/" + app + path, "applications/{app}" + path, name));
    }
    return out;
  }
}
