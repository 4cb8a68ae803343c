package io.pipelens.history.ui.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layered layout the job DAG and the SQL plan graph share. */
class LayeredLayoutTest {

  /** A diamond, 1 feeding 2 and 3, both feeding 4, plus 4 reading 1 directly. */
  private static final Map<Long, List<Long>> DIAMOND =
      Map.of(2L, List.of(1L), 3L, List.of(1L), 4L, List.of(2L, 3L, 1L));

  @Test
  void aNodeGoesOneLayerPastItsDeepestParent() {
    LayeredLayout.Result result = LayeredLayout.layout(
        List.of(1L, 2L, 3L, 4L), DIAMOND, false, 100, id -> 40, 30, 10, 5);
    Map<Long, LayeredLayout.Box> boxes = result.boxes();
    assertThat(boxes.get(1L)).isEqualTo(new LayeredLayout.Box(5, 5, 100, 40));
    assertThat(boxes.get(2L)).isEqualTo(new LayeredLayout.Box(135, 5, 100, 40));
    assertThat(boxes.get(3L)).isEqualTo(new LayeredLayout.Box(135, 55, 100, 40));
    assertThat(boxes.get(4L)).isEqualTo(new LayeredLayout.Box(265, 5, 100, 40));
    assertThat(result.width()).isEqualTo(5 + 3 * 100 + 2 * 30 + 5);
    assertThat(result.height()).isEqualTo(5 + 2 * 40 + 10 + 5);
  }

  @Test
  void verticalLayersAreAsTallAsTheirTallestBox() {
    LayeredLayout.Result result = LayeredLayout.layout(
        List.of(1L, 2L, 3L, 4L), DIAMOND, true, 100, id -> id == 3 ? 70 : 20, 30, 10, 5);
    Map<Long, LayeredLayout.Box> boxes = result.boxes();
    assertThat(boxes.get(1L)).isEqualTo(new LayeredLayout.Box(5, 5, 100, 20));
    assertThat(boxes.get(2L)).isEqualTo(new LayeredLayout.Box(5, 55, 100, 20));
    assertThat(boxes.get(3L)).isEqualTo(new LayeredLayout.Box(115, 55, 100, 70));
    assertThat(boxes.get(4L)).isEqualTo(new LayeredLayout.Box(5, 155, 100, 20));
    assertThat(result.width()).isEqualTo(5 + 2 * 100 + 10 + 5);
    assertThat(result.height()).isEqualTo(155 + 20 + 5);
  }

  @Test
  void cyclesAndUnknownParentsDoNotBreakIt() {
    LayeredLayout.Result result = LayeredLayout.layout(
        List.of(1L, 2L), Map.of(1L, List.of(2L, 9L), 2L, List.of(1L, 2L)), true, 50, id -> 10, 5, 5, 0);
    assertThat(result.boxes()).containsOnlyKeys(1L, 2L);
    assertThat(LayeredLayout.layout(List.of(), Map.of(), true, 50, id -> 10, 5, 5, 3).width()).isEqualTo(6);
  }
}
