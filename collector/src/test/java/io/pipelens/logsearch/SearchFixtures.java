package io.pipelens.logsearch;

import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records of three Spark apps and the queries both stores must answer alike. */
final class SearchFixtures {

  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
  static final int COUNT = 60;
  private static final String[] LEVELS = {"INFO", "WARN", "ERROR", "INFO", "DEBUG"};
  private static final String[] MESSAGES = {
      "Executor lost: heartbeat timeout after 120000 ms",
      "Starting task 3.0 in stage 7.0 (TID 42)",
      "Block broadcast_5 stored as values in memory",
      "java.lang.OutOfMemoryError: Java heap space",
      "Finished task 3.0 in stage 7.0 (TID 42) in 1234 ms",
      "Lost executor 2 on node-7: Container killed by YARN for exceeding memory limits",
  };

  private SearchFixtures() {}

  /**
   * {@value #COUNT} records; pairs share a timestamp, so ties must be broken the same way: by
   * {@code log.offset}, which every tenth record (one an SDK sent, from no file) lacks, then by id.
   */
  static List<LogRecord> records() {
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      String app = "spark-" + (char) ('a' + i % 3);
      String executor = i % 4 == 0 ? "driver" : Integer.toString(i % 4);
      String namespace = i % 2 == 0 ? "data-prep" : "ml";
      String pod = app + "-" + (executor.equals("driver") ? "driver" : "exec-" + executor);
      Resource resource = Resource.of(Attributes.builder()
          .put(AttributeNames.K8S_NAMESPACE_NAME, namespace)
          .put(AttributeNames.K8S_POD_NAME, pod)
          .put(AttributeNames.K8S_CONTAINER_NAME, executor.equals("driver") ? "spark-kubernetes-driver" : "executor")
          .put(AttributeNames.K8S_POD_UID, "uid-" + pod)
          .put(AttributeNames.SPARK_APP_ID, app)
          .put(AttributeNames.SPARK_EXECUTOR_ID, executor)
          .build());
      Attributes.Builder attributes = Attributes.builder()
          .put(AttributeNames.PIPELENS_STREAM, "engine")
          .put(AttributeNames.LOG_FILE_PATH, "/var/log/pods/" + pod + "/spark.log");
      if (i % 10 != 7) {
        attributes.put(AttributeNames.LOG_OFFSET, (long) i * 100);
      }
      records.add(LogRecord.builder()
          .timestamp(T0.plusSeconds(i / 2))
          .severity(Severity.INFO)
          .severityText(LEVELS[i % LEVELS.length])
          .body(MESSAGES[i % MESSAGES.length] + " #" + i)
          .resource(resource)
          .attributes(attributes.build())
          .build());
    }
    return records;
  }

  /** The queries of {@link #queries()} that find nothing, in both stores. */
  static final java.util.Set<String> EMPTY = java.util.Set.of("text, no match", "text, punctuation only",
      "level, upper case never matches", "unknown app", "text, part of a dotted name");

  /** Named queries, each with a page size large enough for every hit. */
  static Map<String, LogQuery> queries() {
    LogQuery all = LogQuery.all().withPageSize(1000);
    Map<String, LogQuery> queries = new LinkedHashMap<>();
    queries.put("everything", all);
    queries.put("text", all.withText("executor lost"));
    queries.put("text, other case", all.withText("HEARTBEAT Timeout"));
    queries.put("text, two words anywhere", all.withText("memory executor"));
    queries.put("text, dotted name is one token", all.withText("java.lang.OutOfMemoryError"));
    queries.put("text, part of a dotted name", all.withText("OutOfMemoryError"));
    queries.put("text, number token", all.withText("120000"));
    queries.put("text, no match", all.withText("kubernetes"));
    queries.put("text, punctuation only", all.withText("!!! ::"));
    queries.put("level", all.withLevel("error"));
    queries.put("level, upper case never matches", all.withLevel("ERROR"));
    queries.put("app", all.withSparkAppId("spark-b"));
    queries.put("app and executor", all.withSparkAppId("spark-a").withExecutorId("driver"));
    queries.put("pod", all.withPod("spark-c-exec-2"));
    queries.put("namespace", all.withNamespace("data-prep"));
    queries.put("time range", all.withTimeRange(T0.plusSeconds(5), T0.plusSeconds(12)));
    queries.put("open-ended from", all.withTimeRange(T0.plusSeconds(25), null));
    queries.put("open-ended to, exclusive", all.withTimeRange(null, T0.plusSeconds(3)));
    queries.put("everything combined", all.withText("task").withLevel("info").withNamespace("data-prep")
        .withTimeRange(T0, T0.plusSeconds(40)));
    queries.put("small page", LogQuery.all().withPageSize(5));
    queries.put("unknown app", all.withSparkAppId("spark-z"));
    queries.put("container", all.withContainer("spark-kubernetes-driver"));
    queries.put("container and app", all.withContainer("executor").withSparkAppId("spark-c"));
    queries.put("oldest first", all.withOrder(LogQuery.Order.OLDEST_FIRST));
    queries.put("oldest first, small page", LogQuery.all().withOrder(LogQuery.Order.OLDEST_FIRST).withPageSize(5));
    queries.put("oldest first, time range and level", all.withOrder(LogQuery.Order.OLDEST_FIRST)
        .withTimeRange(T0.plusSeconds(4), T0.plusSeconds(20)).withLevel("info"));
    return queries;
  }

  /** Every hit of {@code query}, page by page of {@code pageSize}. */
  static List<LogHit> allPages(LogSearch search, LogQuery query, int pageSize) throws Exception {
    List<LogHit> hits = new ArrayList<>();
    LogQuery page = query.withPageSize(pageSize).withSearchAfter(null);
    for (int n = 0; n < 1000; n++) {
      LogPage result = search.search(page);
      hits.addAll(result.hits());
      if (result.nextCursor() == null) {
        return hits;
      }
      page = page.withSearchAfter(result.nextCursor());
    }
    throw new AssertionError("paging did not end");
  }
}
