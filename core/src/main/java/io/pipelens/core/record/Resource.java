package io.pipelens.core.record;

import java.util.Objects;

/**
 * What produced a record: the pod, container, node, job and team, as attributes (see {@link
 * AttributeNames} for which keys belong here). Records from one source share one instance, and the
 * codec groups a batch by equal resources, so a resource is written once per batch, not per record.
 *
 * @param attributes the resource attributes; never null
 */
public record Resource(Attributes attributes) {

  private static final Resource EMPTY = new Resource(Attributes.empty());

  public Resource {
    Objects.requireNonNull(attributes, "attributes");
  }

  /** The resource with no attributes: an unknown source. */
  public static Resource empty() {
    return EMPTY;
  }

  /** A resource with these attributes. */
  public static Resource of(Attributes attributes) {
    return attributes.isEmpty() ? EMPTY : new Resource(attributes);
  }

  /** The string attribute {@code key}, or null if there is none or it is not a string. */
  public String getString(String key) {
    return attributes.getString(key);
  }
}
