package io.pipelens.core.record;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable, insertion-ordered map of attribute keys to {@link AnyValue}s: the attributes of a
 * record, of a {@link Resource}, or the entries of a key-value list value.
 *
 * <p>Entries are kept in two parallel arrays rather than a hash map: records carry a handful of
 * attributes, for which a linear scan is faster and lighter than hashing, and the codec walks them
 * by index without an iterator. Equality is that of {@link Map}: same keys with equal values, in
 * any order.
 */
public final class Attributes {

  private static final Attributes EMPTY = new Attributes(new String[0], new AnyValue[0], 0);

  private final String[] keys;
  private final AnyValue[] values;
  private final int size;
  private int hash; // cached; 0 until computed, like String's

  private Attributes(String[] keys, AnyValue[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** The attributes with no entries. */
  public static Attributes empty() {
    return EMPTY;
  }

  /** A builder for new attributes. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with these entries, in this order. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    for (int i = 0; i < size; i++) {
      builder.put(keys[i], values[i]);
    }
    return builder;
  }

  /** The number of entries. */
  public int size() {
    return size;
  }

  /** Whether there are no entries. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The key of the entry at {@code index}, in insertion order. */
  public String keyAt(int index) {
    return keys[Objects.checkIndex(index, size)];
  }

  /** The value of the entry at {@code index}, in insertion order. */
  public AnyValue valueAt(int index) {
    return values[Objects.checkIndex(index, size)];
  }

  /** Whether there is an entry for {@code key}. */
  public boolean containsKey(String key) {
    return indexOf(key) >= 0;
  }

  /** The value for {@code key}, or null if there is none. */
  public AnyValue get(String key) {
    int index = indexOf(key);
    return index < 0 ? null : values[index];
  }

  /** The string value for {@code key}, or null if there is none or it is not a string. */
  public String getString(String key) {
    return get(key) instanceof AnyValue.StringValue v ? v.value() : null;
  }

  /** The boolean value for {@code key}, or null if there is none or it is not a boolean. */
  public Boolean getBoolean(String key) {
    return get(key) instanceof AnyValue.BoolValue v ? v.value() : null;
  }

  /** The integer value for {@code key}, or null if there is none or it is not an integer. */
  public Long getLong(String key) {
    return get(key) instanceof AnyValue.LongValue v ? v.value() : null;
  }

  /** The double value for {@code key}, or null if there is none or it is not a double. */
  public Double getDouble(String key) {
    return get(key) instanceof AnyValue.DoubleValue v ? v.value() : null;
  }

  /** Calls {@code action} for every entry, in insertion order. */
  public void forEach(BiConsumer<String, AnyValue> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  /** An unmodifiable, insertion-ordered {@link Map} view of the entries. */
  public Map<String, AnyValue> asMap() {
    return new MapView();
  }

  private int indexOf(String key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Attributes that) || size != that.size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      // Same order is the common case and costs one comparison per key.
      AnyValue theirs = keys[i].equals(that.keys[i]) ? that.values[i] : that.get(keys[i]);
      if (!values[i].equals(theirs)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      // Sum of entry hashes, as Map.hashCode: independent of order, consistent with equals.
      for (int i = 0; i < size; i++) {
        h += keys[i].hashCode() ^ values[i].hashCode();
      }
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(keys[i]).append('=').append(values[i]);
    }
    return text.append('}').toString();
  }

  private final class MapView extends AbstractMap<String, AnyValue> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String k && Attributes.this.containsKey(k);
    }

    @Override
    public AnyValue get(Object key) {
      return key instanceof String k ? Attributes.this.get(k) : null;
    }

    @Override
    public Set<Entry<String, AnyValue>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return size;
        }

        @Override
        public Iterator<Entry<String, AnyValue>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Entry<String, AnyValue> next() {
              if (next >= size) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new SimpleImmutableEntry<>(keys[i], values[i]);
            }
          };
        }
      };
    }
  }

  /**
   * Builds {@link Attributes}. Putting a key that is already there replaces its value and keeps its
   * position, as {@link java.util.LinkedHashMap} does. Not thread-safe.
   */
  public static final class Builder {
    // Beyond this many entries, duplicate checks go through a hash index instead of a scan.
    private static final int SCAN_LIMIT = 16;

    private String[] keys = new String[8];
    private AnyValue[] values = new AnyValue[8];
    private int size;
    private Map<String, Integer> index;
    // The keys array of the attributes built last, shared by every build until a key is added or
    // removed: a builder reused record after record with the same keys (the agent's) copies only
    // the values. Attributes never write to their keys.
    private String[] builtKeys;

    private Builder() {}

    /** Puts a string value. */
    public Builder put(String key, String value) {
      return put(key, AnyValue.of(Objects.requireNonNull(value, "value")));
    }

    /** Puts an integer value. */
    public Builder put(String key, long value) {
      return put(key, AnyValue.of(value));
    }

    /** Puts a boolean value. */
    public Builder put(String key, boolean value) {
      return put(key, AnyValue.of(value));
    }

    /** Puts a double value. */
    public Builder put(String key, double value) {
      return put(key, AnyValue.of(value));
    }

    /** Puts any value. */
    public Builder put(String key, AnyValue value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      int existing = indexOf(key);
      if (existing >= 0) {
        values[existing] = value;
        return this;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      builtKeys = null;
      keys[size] = key;
      values[size] = value;
      if (index != null) {
        index.put(key, size);
      }
      size++;
      return this;
    }

    /** Puts every entry of {@code attributes}, in their order. */
    public Builder putAll(Attributes attributes) {
      for (int i = 0; i < attributes.size; i++) {
        put(attributes.keys[i], attributes.values[i]);
      }
      return this;
    }

    /** Removes the entry for {@code key}, if any; later entries keep their order. */
    public Builder remove(String key) {
      int at = indexOf(key);
      if (at >= 0) {
        System.arraycopy(keys, at + 1, keys, at, size - at - 1);
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        index = null; // positions shifted; rebuilt on demand
        builtKeys = null;
      }
      return this;
    }

    /** The attributes put so far; the builder can go on being used. */
    public Attributes build() {
      if (size == 0) {
        return EMPTY;
      }
      if (builtKeys == null) {
        builtKeys = Arrays.copyOf(keys, size);
      }
      return new Attributes(builtKeys, Arrays.copyOf(values, size), size);
    }

    private int indexOf(String key) {
      if (size <= SCAN_LIMIT) {
        for (int i = 0; i < size; i++) {
          if (keys[i].equals(key)) {
            return i;
          }
        }
        return -1;
      }
      if (index == null) {
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
          index.put(keys[i], i);
        }
      }
      Integer at = index.get(key);
      return at == null ? -1 : at;
    }
  }
}
