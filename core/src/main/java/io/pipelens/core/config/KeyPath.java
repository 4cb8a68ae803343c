package io.pipelens.core.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a value sits in a configuration document, rendered the way users write it:
 * {@code outputs[1].kafka.acks}. Immutable.
 */
final class KeyPath {

  static final KeyPath ROOT = new KeyPath(List.of());

  // Keys outside this set are rendered quoted, so that a key such as "app.kubernetes.io/name"
  // cannot be mistaken for three nested keys.
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  /** Each segment is a String (mapping key) or an Integer (sequence index). */
  private final List<Object> segments;

  private KeyPath(List<Object> segments) {
    this.segments = segments;
  }

  /** The path Jackson recorded while binding, outermost reference first. */
  static KeyPath of(List<JsonMappingException.Reference> references) {
    KeyPath path = ROOT;
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path = path.key(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path = path.index(reference.getIndex());
      }
    }
    return path;
  }

  KeyPath key(String key) {
    return append(key);
  }

  KeyPath index(int index) {
    return append(index);
  }

  private KeyPath append(Object segment) {
    List<Object> longer = new ArrayList<>(segments.size() + 1);
    longer.addAll(segments);
    longer.add(segment);
    return new KeyPath(List.copyOf(longer));
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }

  /** The node at this path under {@code root}, or a missing node. */
  JsonNode resolve(JsonNode root) {
    JsonNode node = root;
    for (Object segment : segments) {
      node = segment instanceof Integer index ? node.path(index) : node.path((String) segment);
    }
    return node;
  }

  /** The same location as a JSON pointer, the form Jackson's parsers report while binding. */
  JsonPointer pointer() {
    JsonPointer pointer = JsonPointer.empty();
    for (Object segment : segments) {
      pointer = segment instanceof Integer index
          ? pointer.appendIndex(index)
          : pointer.appendProperty((String) segment);
    }
    return pointer;
  }

  /**
   * This path followed by {@code relative}, a key or dotted key path written by hand (as in
   * {@link Checks}); rendered only, never resolved.
   */
  String render(String relative) {
    String base = render();
    if (relative == null || relative.isEmpty()) {
      return base;
    }
    if (base.isEmpty() || relative.startsWith("[")) {
      return base + relative;
    }
    return base + "." + relative;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        String key = (String) segment;
        if (!PLAIN_KEY.matcher(key).matches()) {
          out.append('[').append(Values.quote(key)).append(']');
        } else {
          if (out.length() > 0) {
            out.append('.');
          }
          out.append(key);
        }
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyPath path && path.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  @Override
  public String toString() {
    return render();
  }
}
