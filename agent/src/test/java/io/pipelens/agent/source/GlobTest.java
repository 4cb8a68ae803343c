package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void starStaysWithinOneSegment() {
    Glob glob = Glob.compile("/var/log/*.log");
    assertThat(glob.matches(Path.of("/var/log/app.log"))).isTrue();
    assertThat(glob.matches(Path.of("/var/log/sub/app.log"))).isFalse();
    assertThat(glob.matches(Path.of("/var/log/app.log.1"))).isFalse();
    assertThat(glob.base()).isEqualTo(Path.of("/var/log"));
    assertThat(glob.maxDepth()).isEqualTo(1);
  }

  @Test
  void doubleStarCrossesDirectoriesIncludingNone() {
    Glob glob = Glob.compile("/logs/**/*.log");
    assertThat(glob.matches(Path.of("/logs/a.log"))).isTrue();
    assertThat(glob.matches(Path.of("/logs/x/a.log"))).isTrue();
    assertThat(glob.matches(Path.of("/logs/x/y/z/a.log"))).isTrue();
    assertThat(glob.matches(Path.of("/other/a.log"))).isFalse();
    assertThat(glob.maxDepth()).isEqualTo(Integer.MAX_VALUE);
    assertThat(Glob.compile("/logs/**").matches(Path.of("/logs/deep/er/file"))).isTrue();
  }

  @Test
  void classesAlternativesAndEscapes() {
    assertThat(Glob.compile("/l/app-[0-9].log").matches(Path.of("/l/app-7.log"))).isTrue();
    assertThat(Glob.compile("/l/app-[!0-9].log").matches(Path.of("/l/app-7.log"))).isFalse();
    assertThat(Glob.compile("/l/{spark,ray}/*.log").matches(Path.of("/l/ray/w.log"))).isTrue();
    assertThat(Glob.compile("/l/{spark,ray}/*.log").matches(Path.of("/l/dask/w.log"))).isFalse();
    assertThat(Glob.compile("/l/a\\*b.log").matches(Path.of("/l/a*b.log"))).isTrue();
    assertThat(Glob.compile("/l/a\\*b.log").matches(Path.of("/l/axb.log"))).isFalse();
    assertThat(Glob.compile("/l/a.(1)+.log").matches(Path.of("/l/a.(1)+.log"))).isTrue();
    assertThat(Glob.compile("/var/log/pods/*/*/*.log").maxDepth()).isEqualTo(3);
  }

  @Test
  void malformedGlobsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> Glob.compile("/l/[abc.log")).hasMessageContaining("unclosed [");
    assertThatThrownBy(() -> Glob.compile("/l/{a,b.log")).hasMessageContaining("unclosed {");
    assertThatThrownBy(() -> Glob.compile("relative/*.log")).hasMessageContaining("absolute");
  }
}
