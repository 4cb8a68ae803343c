package io.pipelens.agent.process.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** App ids from the names Spark gives its event logs (single files and rolling directories). */
class SparkEventLogNamesTest {

  private static String appId(String path) {
    return SparkEventLogNames.appId(Path.of(path));
  }

  @Test
  void readsTheAppIdOfEveryLayoutAndMaster() {
    assertThat(appId("/e/local-1430917381534")).isEqualTo("local-1430917381534");
    assertThat(appId("/e/local-1430917381535_1")).isEqualTo("local-1430917381535");
    assertThat(appId("/e/local-1430917381535_2.inprogress")).isEqualTo("local-1430917381535");
    assertThat(appId("/e/app-20161115172038-0000")).isEqualTo("app-20161115172038-0000");
    assertThat(appId("/e/application_1516285256255_0012")).isEqualTo("application_1516285256255_0012");
    assertThat(appId("/e/application_1516285256255_0012_2")).isEqualTo("application_1516285256255_0012");
    assertThat(appId("/e/spark-4f2a9c0d.lz4.inprogress")).isEqualTo("spark-4f2a9c0d");
    assertThat(appId("/e/eventlog_v2_local-1766844910796/events_1_local-1766844910796"))
        .isEqualTo("local-1766844910796");
    assertThat(appId("/e/eventlog_v2_application_1_2_1/events_12_application_1_2_1.zstd"))
        .isEqualTo("application_1_2");
    assertThat(appId("/e/eventlog_v2_spark-9_a1/events_3_spark-9_a1")).isEqualTo("spark-9");
  }
}
