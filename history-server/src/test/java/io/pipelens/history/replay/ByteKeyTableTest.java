package io.pipelens.history.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteKeyTableTest {

  private static final List<String> KEYS =
      List.of("ID", "Name", "Update", "Internal", "Count Failed Values", "Executor Deserialize CPU Time");

  private final ByteKeyTable table = new ByteKeyTable(KEYS);

  @Test
  void findsEachKeyByItsBytes() {
    for (int i = 0; i < KEYS.size(); i++) {
      byte[] line = ascii("{\"" + KEYS.get(i) + "\":1}");
      assertThat(table.indexOf(line, 2, KEYS.get(i).length())).isEqualTo(i);
    }
    byte[] other = ascii("Nome");
    assertThat(table.indexOf(other, 0, other.length)).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(KEYS.size());
  }

  @Test
  void fieldNameAtMatchesTheQuotedNameAndColonAnywhereInTheArray() {
    for (int i = 0; i < KEYS.size(); i++) {
      byte[] name = ascii("\"" + KEYS.get(i) + "\":");
      // Before the name 0 to 9 bytes, after it 0 to 16 (the array's end falls inside the last
      // word for short tails): the word compare and the byte-by-byte end must agree.
      for (int before = 0; before < 10; before++) {
        for (int after = 0; after <= 16; after++) {
          byte[] bytes = new byte[before + name.length + after];
          java.util.Arrays.fill(bytes, (byte) 'x');
          System.arraycopy(name, 0, bytes, before, name.length);
          int end = bytes.length;
          assertThat(table.fieldNameAt(i, bytes, before, end)).isEqualTo(name.length);
          assertThat(table.fieldNameAt(i, bytes, before, before + name.length)).isEqualTo(name.length);
          assertThat(table.fieldNameAt(i, bytes, before, before + name.length - 1))
              .as("the line ends inside the name").isZero();
          for (int j = 0; j < name.length; j++) {
            bytes[before + j] ^= 0x20;
            assertThat(table.fieldNameAt(i, bytes, before, end)).as("byte %d changed", j).isZero();
            bytes[before + j] ^= 0x20;
          }
          if (after > 0) {
            bytes[before + name.length] = ':';
            assertThat(table.fieldNameAt(i, bytes, before, end))
                .as("bytes after the colon are not part of the name").isEqualTo(name.length);
          }
        }
      }
    }
  }

  @Test
  void fieldNameAtTellsKeysThatShareAPrefixApart() {
    ByteKeyTable similar = new ByteKeyTable(List.of("Task", "Task ID", "Task Info"));
    byte[] line = ascii("\"Task ID\":5,\"Task Info\":{}");
    assertThat(similar.fieldNameAt(0, line, 0, line.length)).isZero();
    assertThat(similar.fieldNameAt(1, line, 0, line.length)).isEqualTo(10);
    assertThat(similar.fieldNameAt(2, line, 0, line.length)).isZero();
    assertThat(similar.fieldNameAt(2, line, 12, line.length)).isEqualTo(12);
  }

  @Test
  void sameSeesADifferenceInEveryByteOfKeysOfEveryLength() {
    for (int length = 0; length <= 40; length++) {
      byte[] key = new byte[length];
      for (int i = 0; i < length; i++) {
        key[i] = (byte) ('A' + (i * 7) % 26);
      }
      for (int from = 0; from <= 9; from++) {
        byte[] bytes = new byte[from + length + 3];
        java.util.Arrays.fill(bytes, (byte) '#');
        System.arraycopy(key, 0, bytes, from, length);
        assertThat(ByteKeyTable.same(key, bytes, from)).as("length %d at %d", length, from).isTrue();
        for (int differing = 0; differing < length; differing++) {
          bytes[from + differing] ^= 0x20;
          assertThat(ByteKeyTable.same(key, bytes, from))
              .as("length %d at %d, byte %d differs", length, from, differing)
              .isFalse();
          bytes[from + differing] ^= 0x20;
        }
      }
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
