package io.pipelens.history.ui.page;

import io.pipelens.history.ui.html.Html;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Places the boxes of a directed acyclic graph in layers: a node's layer is the longest path to it
 * from a node without parents, so every edge runs forward. Layers go left to right (a job's stage
 * DAG) or top to bottom (a SQL plan, whose boxes differ in height); within a layer nodes keep the
 * order they are given in. Good enough for the graphs Spark makes, which are small and mostly
 * chains and trees; it does not try to avoid crossings.
 */
final class LayeredLayout {

  /** Where a box goes, in SVG user units. */
  record Box(int x, int y, int width, int height) {
    int centreX() {
      return x + width / 2;
    }

    int centreY() {
      return y + height / 2;
    }
  }

  /** The boxes by node id and the size of the whole drawing. */
  record Result(Map<Long, Box> boxes, int width, int height) {}

  /** How deep a chain of parents is followed: a cycle in bad input cannot recurse forever. */
  private static final int MAX_DEPTH = 1000;

  private LayeredLayout() {}

  /**
   * @param ids the nodes, in the order they are placed within a layer
   * @param parents the nodes each node has edges from; parents not in {@code ids} are ignored
   * @param vertical layers top to bottom when true, left to right when false
   * @param height each node's box height
   * @param layerGap space between layers; {@code siblingGap} between boxes of one layer
   */
  static Result layout(
      List<Long> ids, Map<Long, List<Long>> parents, boolean vertical, int width,
      ToIntFunction<Long> height, int layerGap, int siblingGap, int margin) {
    java.util.Set<Long> known = new java.util.HashSet<>(ids);
    Map<Long, Integer> depth = new HashMap<>();
    for (long id : ids) {
      depth(id, parents, known, depth, 0);
    }
    Map<Integer, List<Long>> layers = new TreeMap<>();
    for (long id : ids) {
      layers.computeIfAbsent(depth.get(id), d -> new ArrayList<>()).add(id);
    }
    Map<Long, Box> boxes = new HashMap<>();
    int along = margin; // where the current layer starts on the layer axis
    int across = 0; // the widest layer on the other axis
    for (List<Long> layer : layers.values()) {
      int offset = margin;
      int thickness = 0; // the layer's extent on the layer axis
      for (long id : layer) {
        int h = height.applyAsInt(id);
        if (vertical) {
          boxes.put(id, new Box(offset, along, width, h));
          offset += width + siblingGap;
          thickness = Math.max(thickness, h);
        } else {
          boxes.put(id, new Box(along, offset, width, h));
          offset += h + siblingGap;
          thickness = Math.max(thickness, width);
        }
      }
      across = Math.max(across, offset - siblingGap + margin);
      along += thickness + layerGap;
    }
    int extent = layers.isEmpty() ? 2 * margin : along - layerGap + margin;
    across = Math.max(across, 2 * margin);
    return vertical ? new Result(boxes, across, extent) : new Result(boxes, extent, across);
  }

  private static int depth(
      long id, Map<Long, List<Long>> parents, java.util.Set<Long> known, Map<Long, Integer> memo, int guard) {
    Integer seen = memo.get(id);
    if (seen != null) {
      return seen;
    }
    int depth = 0;
    if (guard < MAX_DEPTH) {
      for (long parent : parents.getOrDefault(id, List.of())) {
        if (known.contains(parent) && parent != id) {
          depth = Math.max(depth, depth(parent, parents, known, memo, guard + 1) + 1);
        }
      }
    }
    memo.put(id, depth);
    return depth;
  }

  /** The arrow head edges end in, {@code marker-end="url(#arrow)"}; goes inside {@code defs}. */
  static void arrowMarker(Html html) {
    html.open("marker", "id", "arrow", "viewBox", "0 0 10 10", "refX", "10", "refY", "5",
            "markerWidth", "8", "markerHeight", "8", "orient", "auto-start-reverse")
        .selfClosing("path", "d", "M 0 0 L 10 5 L 0 10 z", "class", "arrow-head")
        .close("marker");
  }
}
