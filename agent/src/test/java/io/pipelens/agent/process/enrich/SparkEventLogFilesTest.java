package io.pipelens.agent.process.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Stream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkEventLogFilesTest {

  private static String app(String path) {
    return SparkEventLogFiles.appId(Path.of(path));
  }

  @Test
  void singleFilesNameTheirApplication() {
    assertThat(app("/var/log/spark-events/spark-1b2c3d4e5f")).isEqualTo("spark-1b2c3d4e5f");
    assertThat(app("/var/log/spark-events/spark-1b2c3d4e5f.inprogress")).isEqualTo("spark-1b2c3d4e5f");
    assertThat(app("/var/log/spark-events/app-20161115172038-0000.zstd.inprogress")).isEqualTo("app-20161115172038-0000");
    assertThat(app("/var/log/spark-events/local-1422981780767.lz4")).isEqualTo("local-1422981780767");
    assertThat(app("/e/application_1553914137147_0018.inprogress")).isEqualTo("application_1553914137147_0018");
  }

  @Test
  void attemptSuffixesAreDroppedWhereTheIdsShapeTellsThem() {
    assertThat(app("/e/local-1430917381535_2")).isEqualTo("local-1430917381535");
    assertThat(app("/e/spark-abc123_1.inprogress")).isEqualTo("spark-abc123");
    assertThat(app("/e/application_1536831636016_59384_1")).isEqualTo("application_1536831636016_59384");
    assertThat(app("/e/my_job_3")).as("an unknown shape is taken whole").isEqualTo("my_job_3");
  }

  @Test
  void rollingLogsAreNamedByTheirDirectory() {
    assertThat(app("/e/eventlog_v2_local-1766844910796/events_1_local-1766844910796.zstd")).isEqualTo("local-1766844910796");
    assertThat(app("/e/eventlog_v2_local-1766844910796/appstatus_local-1766844910796.inprogress"))
        .isEqualTo("local-1766844910796");
    assertThat(app("/e/events_2_spark-77.zstd")).isEqualTo("spark-77");
  }

  @Test
  void hiddenFilesNameNothing() {
    assertThat(app("/e/.spark-77.inprogress.crc")).isNull();
  }

  @Test
  void onlyEventLogsGetTheAppIdAndAPodLabelWins() {
    PodMetadata labels = uid -> uid.equals("uid-1") ? Map.of("spark-app-selector", "spark-from-label") : Map.of();
    ResourceEnricher enricher = new ResourceEnricher(EnrichmentConfig.defaults(), Map.of(), labels);

    Resource events = enricher.forFile(Path.of("/var/log/spark-events/spark-42.inprogress"), Stream.EVENT).resource();
    assertThat(events.getString("spark.app.id")).isEqualTo("spark-42");
    Resource engine = enricher.forFile(Path.of("/var/log/spark-events/spark-42.inprogress"), Stream.ENGINE).resource();
    assertThat(engine.getString("spark.app.id")).isNull();
    // A sidecar: the path names no pod, the environment does, and the pod's label has the last word.
    ResourceEnricher sidecar = new ResourceEnricher(EnrichmentConfig.defaults(), Map.of("POD_UID", "uid-1"), labels);
    assertThat(sidecar.forFile(Path.of("/spark-events/spark-42"), Stream.EVENT).resource().getString("spark.app.id"))
        .isEqualTo("spark-from-label");
  }
}
