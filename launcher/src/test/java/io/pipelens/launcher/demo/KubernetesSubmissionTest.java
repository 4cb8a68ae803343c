package io.pipelens.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class KubernetesSubmissionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final KubernetesSubmission submission = new KubernetesSubmission(Team.SEARCH);

  @Test
  void addsTheNamespaceAndDriverLabelsFirstAmongTheSparkProperties() throws Exception {
    String line = "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{\"Java Version\":\"17\"},"
        + "\"Spark Properties\":{\"spark.app.name\":\"dedup\"},\"System Properties\":{}}";

    JsonNode properties = JSON.readTree(submission.apply(line)).get("Spark Properties");

    assertThat(properties.fieldNames()).toIterable().containsExactly("spark.kubernetes.namespace",
        "spark.kubernetes.driver.label.pipelens.io/team", "spark.kubernetes.driver.label.pipelens.io/priority",
        "spark.app.name");
    assertThat(properties.get("spark.kubernetes.namespace").asText()).isEqualTo("search-data");
    assertThat(properties.get("spark.kubernetes.driver.label.pipelens.io/team").asText()).isEqualTo("search-data");
    assertThat(properties.get("spark.kubernetes.driver.label.pipelens.io/priority").asText()).isEqualTo("high");
    assertThat(properties.get("spark.app.name").asText()).isEqualTo("dedup");
  }

  @Test
  void anEmptyPropertyMapStaysValidJson() throws Exception {
    String line = "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"Spark Properties\":{}}";

    assertThat(JSON.readTree(submission.apply(line)).get("Spark Properties").size()).isEqualTo(3);
  }

  @Test
  void otherLinesAreUntouched() {
    String taskEnd = "{\"Event\":\"SparkListenerTaskEnd\",\"Spark Properties\":{\"x\":\"y\"}}";
    String noProperties = "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{}}";

    assertThat(submission.apply(taskEnd)).isSameAs(taskEnd);
    assertThat(submission.apply(noProperties)).isSameAs(noProperties);
  }
}
