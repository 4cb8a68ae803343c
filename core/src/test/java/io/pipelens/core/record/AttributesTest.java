package io.pipelens.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void keepsInsertionOrder() {
    Attributes attributes =
        Attributes.builder().put("z", "1").put("a", 2L).put("m", true).put("b", 1.5).build();

    List<String> keys = new ArrayList<>();
    attributes.forEach((key, value) -> keys.add(key));

    assertThat(keys).containsExactly("z", "a", "m", "b");
    assertThat(attributes.asMap().keySet()).containsExactly("z", "a", "m", "b");
    assertThat(attributes.keyAt(1)).isEqualTo("a");
    assertThat(attributes.valueAt(1)).isEqualTo(AnyValue.of(2L));
    assertThat(attributes.size()).isEqualTo(4);
  }

  @Test
  void typedGettersReturnNullForMissingKeysAndOtherTypes() {
    Attributes attributes =
        Attributes.builder()
            .put("s", "text")
            .put("l", 7L)
            .put("b", true)
            .put("d", 0.5)
            .put("array", AnyValue.ofArray(AnyValue.of("x")))
            .build();

    assertThat(attributes.getString("s")).isEqualTo("text");
    assertThat(attributes.getLong("l")).isEqualTo(7L);
    assertThat(attributes.getBoolean("b")).isTrue();
    assertThat(attributes.getDouble("d")).isEqualTo(0.5);
    assertThat(attributes.get("array")).isEqualTo(AnyValue.ofArray(AnyValue.of("x")));
    assertThat(attributes.getString("l")).isNull();
    assertThat(attributes.getLong("s")).isNull();
    assertThat(attributes.getBoolean("missing")).isNull();
    assertThat(attributes.getDouble("l")).isNull();
    assertThat(attributes.get("missing")).isNull();
    assertThat(attributes.containsKey("b")).isTrue();
    assertThat(attributes.containsKey("B")).isFalse();
  }

  @Test
  void puttingAKeyAgainReplacesItsValueInPlace() {
    Attributes attributes = Attributes.builder().put("a", "1").put("b", "2").put("a", "3").build();

    assertThat(attributes.asMap())
        .containsExactly(entry("a", AnyValue.of("3")), entry("b", AnyValue.of("2")));
  }

  @Test
  void largeBuildersStillReplaceDuplicates() {
    Attributes.Builder builder = Attributes.builder();
    for (int i = 0; i < 100; i++) {
      builder.put("key." + i, i);
    }
    for (int i = 0; i < 100; i += 2) {
      builder.put("key." + i, "even");
    }
    builder.remove("key.1").put("key.1", "back at the end").put("key.50", "still 50th");

    Attributes attributes = builder.build();

    assertThat(attributes.size()).isEqualTo(100);
    assertThat(attributes.getString("key.0")).isEqualTo("even");
    assertThat(attributes.getLong("key.3")).isEqualTo(3L);
    assertThat(attributes.keyAt(49)).isEqualTo("key.50");
    assertThat(attributes.getString("key.50")).isEqualTo("still 50th");
    assertThat(attributes.keyAt(99)).isEqualTo("key.1");
  }

  @Test
  void removeKeepsTheOrderOfTheRest() {
    Attributes attributes =
        Attributes.builder().put("a", 1L).put("b", 2L).put("c", 3L).remove("b").remove("x").build();

    assertThat(attributes.asMap().keySet()).containsExactly("a", "c");
  }

  @Test
  void equalityIgnoresOrderLikeAMap() {
    Attributes ab = Attributes.builder().put("a", "1").put("b", 2L).build();
    Attributes ba = Attributes.builder().put("b", 2L).put("a", "1").build();
    Attributes different = Attributes.builder().put("a", "1").put("b", 3L).build();
    Attributes longer = ab.toBuilder().put("c", true).build();

    assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    assertThat(ab).isNotEqualTo(different).isNotEqualTo(longer);
    assertThat(ab.hashCode()).isEqualTo(ab.asMap().hashCode());
    assertThat(ab.asMap()).isEqualTo(Map.of("a", AnyValue.of("1"), "b", AnyValue.of(2L)));
  }

  @Test
  void valuesOfDifferentKindsAreNotEqual() {
    assertThat(Attributes.builder().put("k", 1L).build())
        .isNotEqualTo(Attributes.builder().put("k", 1.0).build())
        .isNotEqualTo(Attributes.builder().put("k", "1").build());
  }

  @Test
  void isImmutable() {
    Attributes.Builder builder = Attributes.builder().put("a", "1");
    Attributes first = builder.build();
    builder.put("b", "2").put("a", "changed");
    Attributes derived = first.toBuilder().put("c", "3").build();

    assertThat(first.asMap()).containsExactly(entry("a", AnyValue.of("1")));
    assertThat(derived.size()).isEqualTo(2);
    assertThat(builder.build().getString("a")).isEqualTo("changed");
    assertThatThrownBy(() -> first.asMap().put("x", AnyValue.empty()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void emptyIsShared() {
    assertThat(Attributes.builder().build()).isSameAs(Attributes.empty());
    assertThat(Attributes.empty().isEmpty()).isTrue();
    assertThat(Attributes.empty().asMap()).isEmpty();
  }

  @Test
  void rejectsNulls() {
    Attributes.Builder builder = Attributes.builder();

    assertThatThrownBy(() -> builder.put(null, "v")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.put("k", (String) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.put("k", (AnyValue) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void indexOutsideTheEntriesFails() {
    Attributes attributes = Attributes.builder().put("a", "1").build();

    assertThatThrownBy(() -> attributes.keyAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> attributes.valueAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void toStringShowsEntriesInOrder() {
    assertThat(Attributes.builder().put("a", "x").put("b", 1L).build().toString())
        .isEqualTo("{a=StringValue[value=x], b=LongValue[value=1]}");
  }

  @Test
  void aBuilderReusedAcrossBuildsNeverChangesWhatItBuiltBefore() {
    // The builder shares its keys array between builds until a key is added or removed.
    java.util.Random random = new java.util.Random(11);
    Attributes.Builder builder = Attributes.builder();
    List<String> modelKeys = new ArrayList<>();
    Map<String, Long> modelValues = new java.util.HashMap<>();
    List<Attributes> built = new ArrayList<>();
    List<List<Map.Entry<String, Long>>> expected = new ArrayList<>();
    for (int step = 0; step < 5000; step++) {
      String key = "k" + random.nextInt(12);
      switch (random.nextInt(4)) {
        case 0 -> {
          builder.remove(key);
          modelKeys.remove(key);
          modelValues.remove(key);
        }
        case 1, 2 -> {
          long value = random.nextLong();
          builder.put(key, value);
          if (!modelValues.containsKey(key)) {
            modelKeys.add(key);
          }
          modelValues.put(key, value);
        }
        default -> {
          built.add(builder.build());
          List<Map.Entry<String, Long>> entries = new ArrayList<>();
          for (String k : modelKeys) {
            entries.add(Map.entry(k, modelValues.get(k)));
          }
          expected.add(entries);
        }
      }
    }
    for (int i = 0; i < built.size(); i++) {
      Attributes attributes = built.get(i);
      List<Map.Entry<String, Long>> entries = new ArrayList<>();
      for (int j = 0; j < attributes.size(); j++) {
        entries.add(Map.entry(attributes.keyAt(j), attributes.getLong(attributes.keyAt(j))));
      }
      assertThat(entries).as("build %d", i).isEqualTo(expected.get(i));
    }
  }
}
