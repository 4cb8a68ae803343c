package io.pipelens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/image builds the image the manifests run: the name Jib writes is the one kustomization's
 * images: entry names, at the project's version, and the image starts java itself. (The image is
 * built and run for real by deploy/image/build.sh and verify.sh, which need root; this checks the
 * wiring offline.)
 */
class ImageTest {

  @Test
  void jibBuildsTheImageTheKustomizationNames() {
    String pom = Repo.read(Repo.path("deploy/image/pom.xml"));
    String version = match(pom, "<artifactId>pipelens-image</artifactId>\\s*<version>([^<]+)</version>");
    assertThat(version).isEqualTo(match(Repo.read(Repo.path("pom.xml")), "<version>([^<]+)</version>"));
    String imageName = match(pom, "<image.name>([^<]+)</image.name>").replace("${project.version}", version);
    assertThat(match(pom, "<from>\\s*<image>([^<]+)</image>")).isEqualTo("scratch");
    assertThat(match(pom, "<format>([^<]+)</format>")).isEqualTo("OCI");

    JsonNode images = Repo.yaml(Repo.path("deploy/daemonset/kustomization.yaml")).path("images");
    assertThat(images).hasSize(1);
    JsonNode image = images.get(0);
    assertThat(image.path("newName").asText() + ":" + image.path("newTag").asText()).isEqualTo(imageName);

    // Every container of the base (examples run other images too) names the image kustomize rewrites.
    List<String> used = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s*image:\\s*(\\S+)").matcher("");
    for (Path manifest : Repo.list(Repo.path("deploy/daemonset"), ".yaml")) {
      m.reset(Repo.read(manifest));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertThat(used).isNotEmpty().allMatch(name -> name.startsWith(image.path("name").asText() + ":"));
  }

  @Test
  void theEntrypointIsJavaSoTheManifestsPassJvmOptionsAsJdkJavaOptions() {
    String pom = Repo.read(Repo.path("deploy/image/pom.xml"));
    // Out of heap, the JVM exits and Kubernetes restarts the pod, as bin/pipelens does outside it.
    assertThat(pom).containsPattern("<entrypoint>\\s*<arg>/opt/java/bin/java</arg>\\s*(<!--[^>]*-->\\s*)?"
        + "<arg>-XX:\\+ExitOnOutOfMemoryError</arg>\\s*<arg>-jar</arg>\\s*"
        + "<arg>/app/pipelens.jar</arg>\\s*</entrypoint>");
    for (Path manifest : Repo.walk(Repo.path("deploy/daemonset"), ".yaml")) {
      assertThat(Repo.read(manifest)).as(manifest + ": the java entrypoint does not read JAVA_OPTS")
          .doesNotContain("JAVA_OPTS");
    }
    // verify.sh, which needs root and is not run here, checks the built image for that entrypoint.
    List<String> args = new ArrayList<>();
    Matcher arg = Pattern.compile("<arg>([^<]+)</arg>")
        .matcher(match(pom, "(?s)<entrypoint>(.*?)</entrypoint>"));
    while (arg.find()) {
      args.add(arg.group(1));
    }
    assertThat(Repo.read(Repo.path("deploy/image/verify.sh")))
        .contains("[ \"$entrypoint\" = \"" + String.join(" ", args) + "\" ]");
  }

  private static String match(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }
}
