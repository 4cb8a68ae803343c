import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Writes the event logs of spark-compat's differential test with real Spark in local mode, one
 * application after the other, into the directory given as the only argument. Not compiled by the
 * build: SparkCompatIT runs it with Java's source launcher ({@code java SparkWorkloads.java DIR})
 * on Spark's own classpath, so Spark never meets the repository's dependency versions.
 *
 * <p>The last application is killed with {@code Runtime.halt} before {@code stop()}, so its log
 * stays {@code .inprogress}, as a driver that died leaves it.
 */
public final class SparkWorkloads {

  public static void main(String[] args) throws Exception {
    String dir = args[0];
    shuffle(session(dir, "shuffle", null, false));
    for (String codec : List.of("zstd", "lz4", "lzf", "snappy")) {
      shuffle(session(dir, "shuffle-" + codec, codec, false));
    }
    failures(session(dir, "failures", null, false));
    sql(session(dir, "sql", null, false));
    storage(session(dir, "storage", null, false));
    rolling(session(dir, "rolling", null, true), false);
    // Spark 4's defaults: rolling files, each compressed with zstd.
    rolling(session(dir, "rolling-zstd", "zstd", true), true);
    killed(session(dir, "killed", null, false));
  }

  private static SparkSession session(String dir, String name, String codec, boolean rolling) {
    SparkConf conf =
        new SparkConf()
            // Up to 4 attempts per task, so a task that fails once is retried (local[2] allows 1).
            .setMaster("local[2,4]")
            .setAppName(name)
            .set("spark.ui.enabled", "false")
            .set("spark.eventLog.enabled", "true")
            .set("spark.eventLog.dir", dir)
            .set("spark.eventLog.compress", Boolean.toString(codec != null))
            .set("spark.eventLog.rolling.enabled", Boolean.toString(rolling))
            // Not Spark's default; on for the workloads that cache, so storage/rdd has content.
            .set(
                "spark.eventLog.logBlockUpdates.enabled",
                Boolean.toString(name.equals("sql") || name.equals("storage")))
            .set("spark.sql.shuffle.partitions", "4")
            .set("spark.sql.adaptive.enabled", "false");
    if (codec != null) {
      conf.set("spark.eventLog.compression.codec", codec);
    }
    if (rolling) {
      // Spark's minimum; the rolling workload writes about 3 times as much.
      conf.set("spark.eventLog.rolling.maxFileSize", "10m");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** Two shuffles: a map stage, a reduce stage, and a sort; plus a cached RDD. */
  private static void shuffle(SparkSession spark) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Integer> numbers = sc.parallelize(range(2000), 4);
    JavaPairRDD<Integer, Integer> counts =
        numbers.mapToPair(n -> new Tuple2<>(n % 17, 1)).reduceByKey(Integer::sum, 3);
    counts.cache().setName("counts");
    counts.count();
    counts.sortByKey().collect();
    numbers.map(n -> n * 2).filter(n -> n % 3 == 0).count();
    spark.stop();
  }

  /** A stage whose tasks fail on their first attempt and succeed on retry, then a failed job. */
  private static void failures(SparkSession spark) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    sc.parallelize(range(100), 4)
        .map(
            n -> {
              if (TaskContext.get().attemptNumber() == 0
                  && TaskContext.get().partitionId() % 2 == 0) {
                throw new IllegalStateException("first attempt fails on purpose");
              }
              return n;
            })
        .mapToPair(n -> new Tuple2<>(n % 5, n))
        .groupByKey()
        .count();
    // Scala throws SparkException undeclared; the job fails after 4 attempts, which is the point.
    boolean failed = false;
    try {
      sc.parallelize(range(10), 2)
          .map(
              n -> {
                if (n == 7) {
                  throw new IllegalArgumentException("this job fails on purpose");
                }
                return n;
              })
          .count();
    } catch (Exception e) {
      if (!(e instanceof org.apache.spark.SparkException)) {
        throw new IllegalStateException(e);
      }
      failed = true;
    }
    if (!failed) {
      throw new AssertionError("the failing job succeeded");
    }
    spark.stop();
  }

  /** A join, an aggregation and a cached table, through SQL and the Dataset API. */
  private static void sql(SparkSession spark) {
    spark.range(0, 1000).selectExpr("id", "id % 10 AS dept").createOrReplaceTempView("people");
    spark
        .range(0, 10)
        .selectExpr("id AS dept", "concat('dept-', id) AS name")
        .createOrReplaceTempView("depts");
    spark.sql("CACHE TABLE depts");
    Dataset<Row> joined =
        spark.sql(
            "SELECT d.name, count(*) AS n, sum(p.id) AS total FROM people p JOIN depts d"
                + " ON p.dept = d.dept GROUP BY d.name ORDER BY d.name");
    joined.collect();
    spark.sql("SELECT count(*) FROM depts WHERE name LIKE 'dept-1%'").collect();
    spark.stop();
  }

  /**
   * RDDs cached at three storage levels, one of them unpersisted again, with block updates in the
   * log: storage/rdd shows partitions, memory, disk and the data per executor.
   */
  private static void storage(SparkSession spark) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Integer> inMemory = sc.parallelize(range(3000), 4).map(n -> n * 3).setName("in-memory");
    inMemory.persist(StorageLevel.MEMORY_ONLY());
    inMemory.count();
    JavaRDD<String> onDisk =
        sc.parallelize(range(2000), 3).map(n -> "row-" + n).setName("on-disk");
    onDisk.persist(StorageLevel.DISK_ONLY());
    onDisk.count();
    JavaPairRDD<Integer, Integer> serialized =
        sc.parallelize(range(1000), 2)
            .mapToPair(n -> new Tuple2<>(n % 7, n))
            .reduceByKey(Integer::sum, 2)
            .setName("serialized");
    serialized.persist(StorageLevel.MEMORY_AND_DISK_SER());
    serialized.count();
    JavaRDD<Integer> dropped = sc.parallelize(range(500), 2).setName("unpersisted");
    dropped.cache();
    dropped.count();
    dropped.unpersist(true);
    inMemory.map(n -> n + 1).count();
    spark.stop();
  }

  /**
   * Enough events for several 10 MiB files: jobs that carry a large local property each. With
   * compression the property is random, so the files still fill up.
   */
  private static void rolling(SparkSession spark, boolean incompressible) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    char[] filler = new char[256 * 1024];
    Arrays.fill(filler, 'x');
    if (incompressible) {
      java.util.Random random = new java.util.Random(42);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      for (int i = 0; i < filler.length; i++) {
        filler[i] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
    }
    // Job and stage events carry the local properties, so each job writes about 512 KiB.
    sc.setLocalProperty("pipelens.filler", new String(filler));
    for (int job = 0; job < 60; job++) {
      sc.parallelize(range(20), 2).map(n -> n + 1).count();
    }
    spark.stop();
  }

  /** A job, then the JVM halts before stop(): the log keeps its .inprogress suffix. */
  private static void killed(SparkSession spark) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    sc.parallelize(range(100), 2)
        .mapToPair(n -> new Tuple2<>(n % 3, n))
        .reduceByKey(Integer::sum)
        .count();
    Runtime.getRuntime().halt(0);
  }

  private static List<Integer> range(int n) {
    List<Integer> numbers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      numbers.add(i);
    }
    return numbers;
  }
}
