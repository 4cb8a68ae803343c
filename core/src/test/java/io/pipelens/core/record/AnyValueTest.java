package io.pipelens.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnyValueTest {

  @Test
  void bytesCompareByContentAndCannotBeChangedFromOutside() {
    byte[] source = {1, 2, 3};
    AnyValue.BytesValue value = (AnyValue.BytesValue) AnyValue.of(source);
    source[0] = 9;
    value.value()[1] = 9;

    assertThat(value).isEqualTo(AnyValue.of(new byte[] {1, 2, 3}));
    assertThat(value).hasSameHashCodeAs(AnyValue.of(new byte[] {1, 2, 3}));
    assertThat(value).isNotEqualTo(AnyValue.of(new byte[] {1, 2}));
    assertThat(value.asReadOnlyBuffer().isReadOnly()).isTrue();
    assertThat(value.asReadOnlyBuffer().remaining()).isEqualTo(3);
    assertThat(value.toString()).isEqualTo("BytesValue[base64=AQID]");
  }

  @Test
  void doublesCompareExactly() {
    assertThat(AnyValue.of(Double.NaN)).isEqualTo(AnyValue.of(Double.NaN));
    assertThat(AnyValue.of(0.0)).isNotEqualTo(AnyValue.of(-0.0));
  }

  @Test
  void arraysAreImmutableCopies() {
    List<AnyValue> source = new ArrayList<>(List.of(AnyValue.of("a")));
    AnyValue.ArrayValue array = (AnyValue.ArrayValue) AnyValue.of(source);
    source.add(AnyValue.of("b"));

    assertThat(array.values()).containsExactly(AnyValue.of("a"));
    assertThatThrownBy(() -> array.values().add(AnyValue.empty()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void typesTellTheKinds() {
    assertThat(AnyValue.empty().type()).isEqualTo(AnyValue.Type.EMPTY);
    assertThat(AnyValue.of("").type()).isEqualTo(AnyValue.Type.STRING);
    assertThat(AnyValue.of(true).type()).isEqualTo(AnyValue.Type.BOOL);
    assertThat(AnyValue.of(1L).type()).isEqualTo(AnyValue.Type.LONG);
    assertThat(AnyValue.of(1.0).type()).isEqualTo(AnyValue.Type.DOUBLE);
    assertThat(AnyValue.of(new byte[0]).type()).isEqualTo(AnyValue.Type.BYTES);
    assertThat(AnyValue.ofArray().type()).isEqualTo(AnyValue.Type.ARRAY);
    assertThat(AnyValue.of(Attributes.empty()).type()).isEqualTo(AnyValue.Type.KEY_VALUE_LIST);
  }

  @Test
  void emptyDiffersFromEveryEmptyKind() {
    assertThat(AnyValue.empty())
        .isEqualTo(new AnyValue.EmptyValue())
        .isNotEqualTo(AnyValue.of(""))
        .isNotEqualTo(AnyValue.ofArray())
        .isNotEqualTo(AnyValue.of(Attributes.empty()))
        .isNotEqualTo(AnyValue.of(new byte[0]));
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> AnyValue.of((String) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AnyValue.ofArray(AnyValue.of("a"), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aStringMadeFromBytesAndOneMadeFromTextAreTheSameValueWhicheverFormWasAskedFirst() {
    for (String text : List.of("", "plain ascii", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00", "a?b")) {
      byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int order = 0; order < 4; order++) {
        AnyValue.StringValue fromBytes = AnyValue.ofUtf8(utf8, 0, utf8.length);
        AnyValue.StringValue fromText = new AnyValue.StringValue(text);
        assertThat(fromBytes.isBytesOnly()).isTrue();
        assertThat(fromText.isBytesOnly()).isFalse();
        if ((order & 1) != 0) {
          assertThat(fromBytes.value()).isEqualTo(text);
          assertThat(fromBytes.isBytesOnly()).isFalse();
        }
        if ((order & 2) != 0) {
          assertThat(fromText.utf8()).isEqualTo(utf8);
        }
        assertThat(fromBytes).isEqualTo(fromText);
        assertThat(fromText).isEqualTo(fromBytes);
        assertThat(fromBytes.hashCode()).isEqualTo(fromText.hashCode());
        assertThat(fromBytes.isExactUtf8()).isTrue();
        assertThat(fromText.isExactUtf8()).isTrue();
        assertThat(fromBytes.utf8()).isEqualTo(utf8);
        assertThat(fromBytes.value()).isEqualTo(text);
        assertThat(fromText.value()).isSameAs(text);
      }
    }
    // A lone surrogate has no UTF-8 form: its encoding spells '?', which is another text.
    AnyValue.StringValue lone = new AnyValue.StringValue("a\ud800b");
    byte[] question = "a?b".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(lone.utf8()).isEqualTo(question);
    assertThat(lone.isExactUtf8()).isFalse();
    assertThat(lone).isNotEqualTo(AnyValue.ofUtf8(question, 0, question.length));
    assertThat(AnyValue.ofUtf8(question, 0, question.length)).isNotEqualTo(lone);
  }
}
