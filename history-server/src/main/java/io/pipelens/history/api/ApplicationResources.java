package io.pipelens.history.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelens.history.replay.ExecutorRecord;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.ProcessRecord;
import io.pipelens.history.replay.RddRecord;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskRecord;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.store.TaskSample;
import io.pipelens.history.store.TaskSorting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Spark's per-application resources over one replayed attempt: routes the path after {@code
 * applications/{appId}[/{attemptId}]}, reads the parameters Spark reads, and picks the answer.
 *
 * <p>Parameter names, defaults and error messages are Spark's ({@code OneApplicationResource},
 * {@code StagesResource}).
 */
final class ApplicationResources {

  private static final String DEFAULT_STAGE_QUANTILES = "0.0,0.25,0.5,0.75,1.0";
  private static final String DEFAULT_SUMMARY_QUANTILES = "0.05,0.25,0.5,0.75,0.95";

  /** The answer to a request: a JSON body to stream. */
  @FunctionalInterface
  interface Answer {
    void write(JsonGenerator json) throws IOException;
  }

  private ApplicationResources() {}

  /**
   * The answer for {@code resource} (the segments after the application or attempt).
   *
   * @throws ApiException 404 for unknown paths and entities, 400 for bad parameters
   */
  static Answer answer(AppStore store, List<String> resource, QueryParameters query) {
    String head = resource.get(0);
    int size = resource.size();
    switch (head) {
      case "jobs":
        if (size == 1) {
          return jobs(store, query);
        }
        if (size == 2) {
          return job(store, resource.get(1));
        }
        break;
      case "stages":
        return stages(store, resource, query);
      case "executors":
      case "allexecutors":
        if (size == 1) {
          List<ExecutorRecord> executors = store.executors(head.equals("executors"));
          return json -> {
            json.writeStartArray();
            for (ExecutorRecord executor : executors) {
              StatusJson.executor(json, store.state(), executor);
            }
            json.writeEndArray();
          };
        }
        break;
      case "environment":
        if (size == 1) {
          return json ->
              StatusJson.environment(
                  json, store.state().environment(), store.state().resourceProfiles());
        }
        break;
      case "storage":
        if (size >= 2 && resource.get(1).equals("rdd")) {
          return storage(store, resource);
        }
        break;
      case "sql":
        return sql(store, resource, query);
      case "allmiscellaneousprocess":
        if (size == 1) {
          return json -> {
            json.writeStartArray();
            for (ProcessRecord process : store.state().processes()) {
              StatusJson.process(json, process);
            }
            json.writeEndArray();
          };
        }
        break;
      default:
        break;
    }
    throw notImplementedOrUnknown(head);
  }

  private static ApiException notImplementedOrUnknown(String resource) {
    return switch (resource) {
      case "streaming" -> new ApiException(501, "Not implemented yet: " + resource);
      case "threads" -> new ApiException(503, "Thread dumps need a live application");
      default -> ApiException.notFound("Unknown path");
    };
  }

  /** Spark lists only RDDs with cached partitions, but answers for any RDD it tracks. */
  private static Answer storage(AppStore store, List<String> resource) {
    if (resource.size() == 2) {
      List<RddRecord> cached = new ArrayList<>();
      for (RddRecord rdd : store.state().rdds()) {
        if (rdd.numCachedPartitions() > 0) {
          cached.add(rdd);
        }
      }
      return json -> {
        json.writeStartArray();
        for (RddRecord rdd : cached) {
          StatusJson.rdd(json, rdd);
        }
        json.writeEndArray();
      };
    }
    if (resource.size() == 3) {
      int rddId = pathInt(resource.get(2));
      RddRecord rdd = store.state().rdd(rddId);
      if (rdd == null) {
        throw ApiException.notFound("no rdd found w/ id " + rddId);
      }
      return json -> StatusJson.rdd(json, rdd);
    }
    throw ApiException.notFound("Unknown path");
  }

  // ---- sql ----

  /** Spark's {@code SqlResource}: {@code details} and {@code planDescription} default to true. */
  private static Answer sql(AppStore store, List<String> resource, QueryParameters query) {
    boolean details = booleanParameter(query, "details", true);
    boolean planDescription = booleanParameter(query, "planDescription", true);
    long now = store.state().lastEventTime();
    if (resource.size() == 1) {
      int offset = intParameter(query, "offset", 0);
      int length = intParameter(query, "length", 20);
      if (offset < 0 || length <= 0) {
        // Spark's store view rejects these with an IllegalArgumentException (a 500 there).
        throw ApiException.badRequest(
            offset < 0 ? "offset must not be negative" : "length must be positive");
      }
      List<SqlExecution> executions = store.sqlExecutions(offset, length);
      return json -> {
        json.writeStartArray();
        for (SqlExecution execution : executions) {
          SqlJson.execution(json, execution, details, planDescription, now);
        }
        json.writeEndArray();
      };
    }
    if (resource.size() == 2 && resource.get(1).matches("\\d+")) {
      long executionId;
      try {
        executionId = Long.parseLong(resource.get(1));
      } catch (NumberFormatException e) {
        throw ApiException.notFound("Unknown path");
      }
      SqlExecution execution =
          store
              .sqlExecution(executionId)
              .orElseThrow(
                  () -> ApiException.notFound("unknown query execution id: " + executionId));
      return json -> SqlJson.execution(json, execution, details, planDescription, now);
    }
    throw ApiException.notFound("Unknown path");
  }

  // ---- jobs ----

  private static Answer jobs(AppStore store, QueryParameters query) {
    Set<JobRecord.Status> statuses = EnumSet.noneOf(JobRecord.Status.class);
    for (String value : query.all("status")) {
      statuses.add(parseEnum(JobRecord.Status.class, "status", value));
    }
    List<JobRecord> jobs = store.jobs(statuses);
    return json -> {
      json.writeStartArray();
      for (JobRecord job : jobs) {
        StatusJson.job(json, job);
      }
      json.writeEndArray();
    };
  }

  private static Answer job(AppStore store, String id) {
    int jobId = pathInt(id);
    JobRecord job =
        store.job(jobId).orElseThrow(() -> ApiException.notFound("unknown job: " + jobId));
    return json -> StatusJson.job(json, job);
  }

  // ---- stages ----

  private static Answer stages(AppStore store, List<String> resource, QueryParameters query) {
    int size = resource.size();
    if (size == 1) {
      Set<StageAttempt.Status> statuses = EnumSet.noneOf(StageAttempt.Status.class);
      for (String value : query.all("status")) {
        statuses.add(parseEnum(StageAttempt.Status.class, "status", value));
      }
      StatusJson.StageView view = stageView(query, false, DEFAULT_STAGE_QUANTILES);
      List<StageAttempt> stages = store.stages(statuses);
      if (view.details() && !view.taskStatuses().isEmpty()) {
        // Spark's stage list then keeps only the attempts that have a task in one of them.
        stages.removeIf(stage -> store.tasks(stage, view.taskStatuses()).isEmpty());
      }
      return json -> {
        json.writeStartArray();
        for (StageAttempt stage : stages) {
          StatusJson.stage(json, store, stage, view);
        }
        json.writeEndArray();
      };
    }
    int stageId = pathInt(resource.get(1));
    List<StageAttempt> attempts = store.stageAttempts(stageId);
    if (attempts.isEmpty()) {
      throw ApiException.notFound("unknown stage: " + stageId);
    }
    if (size == 2) {
      StatusJson.StageView view = stageView(query, true, DEFAULT_STAGE_QUANTILES);
      return json -> {
        json.writeStartArray();
        for (StageAttempt stage : attempts) {
          StatusJson.stage(json, store, stage, view);
        }
        json.writeEndArray();
      };
    }
    int attemptId = pathInt(resource.get(2));
    StageAttempt stage =
        store
            .stageAttempt(stageId, attemptId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "unknown attempt for stage "
                            + stageId
                            + ".  Found attempts: "
                            + attemptIds(attempts)));
    if (size == 3) {
      StatusJson.StageView view = stageView(query, true, DEFAULT_STAGE_QUANTILES);
      return json -> StatusJson.stage(json, store, stage, view);
    }
    if (size == 4 && resource.get(3).equals("taskSummary")) {
      double[] quantiles = quantiles(query.first("quantiles").orElse(DEFAULT_SUMMARY_QUANTILES));
      Optional<TaskSample> sample = store.taskSample(stage, quantiles);
      TaskSample found =
          sample.orElseThrow(
              () ->
                  ApiException.notFound(
                      "No tasks reported metrics for " + stageId + " / " + attemptId + " yet."));
      long now = store.state().lastEventTime();
      return json -> StatusJson.taskSummary(json, found, now);
    }
    if (size == 4 && resource.get(3).equals("taskList")) {
      int offset = intParameter(query, "offset", 0);
      int length = intParameter(query, "length", 20);
      TaskSorting sorting =
          query
              .first("sortBy")
              .map(
                  value ->
                      TaskSorting.parse(value)
                          .orElseThrow(
                              () -> ApiException.badParameter("sortBy", "TaskSorting", value)))
              .orElse(TaskSorting.ID);
      Set<TaskRecord.Status> statuses = taskStatuses(query.all("status"));
      List<TaskRecord> tasks = store.taskList(stage, offset, length, sorting, statuses);
      long now = store.state().lastEventTime();
      return json -> {
        json.writeStartArray();
        for (TaskRecord task : tasks) {
          StatusJson.task(json, store, task, now);
        }
        json.writeEndArray();
      };
    }
    throw ApiException.notFound("Unknown path");
  }

  private static StatusJson.StageView stageView(
      QueryParameters query, boolean defaultDetails, String defaultQuantiles) {
    boolean details = booleanParameter(query, "details", defaultDetails);
    boolean withSummaries = booleanParameter(query, "withSummaries", false);
    double[] quantiles = quantiles(query.first("quantiles").orElse(defaultQuantiles));
    return new StatusJson.StageView(
        details, taskStatuses(query.all("taskStatus")), withSummaries, quantiles);
  }

  private static String attemptIds(List<StageAttempt> attempts) {
    List<Integer> ids = new ArrayList<>();
    for (StageAttempt attempt : attempts) {
      ids.add(attempt.attemptId());
    }
    return ids.toString();
  }

  // ---- parameters ----

  private static Set<TaskRecord.Status> taskStatuses(List<String> values) {
    Set<TaskRecord.Status> statuses = EnumSet.noneOf(TaskRecord.Status.class);
    for (String value : values) {
      statuses.add(parseEnum(TaskRecord.Status.class, "status", value));
    }
    return statuses;
  }

  /** Spark's comma-separated quantiles; 400 worded like its {@code BadParameterException}. */
  static double[] quantiles(String value) {
    String[] parts = value.split(",");
    double[] quantiles = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        quantiles[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw ApiException.badParameter("quantiles", "double", parts[i]);
      }
    }
    return quantiles;
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String parameter, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(parameter, type.getSimpleName(), value);
    }
  }

  private static int intParameter(QueryParameters query, String name, int fallback) {
    Optional<String> value = query.first(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.get().trim());
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "int", value.get());
    }
  }

  private static boolean booleanParameter(QueryParameters query, String name, boolean fallback) {
    Optional<String> value = query.first(name);
    if (value.isEmpty()) {
      return fallback;
    }
    // JAX-RS reads booleans leniently: only "true" (any case) is true.
    return Boolean.parseBoolean(value.get().trim());
  }

  /** A numeric path segment; anything else matches no Spark route, hence 404. */
  private static int pathInt(String segment) {
    try {
      return Integer.parseInt(segment);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("Unknown path");
    }
  }
}
