package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Records without parsed fields share one attribute builder per file, whose keys are kept from
 * record to record: every record must still carry exactly its own keys and values, in the order a
 * fresh builder gives, and a record already emitted must not change.
 */
class PlainAttributesTest {

  @Test
  void everyRecordHasItsOwnKeysInOrderWhateverTheRecordsBeforeItHad() throws Exception {
    Harness harness = new Harness();
    SourceFile first = Harness.file("/var/log/pods/ns_pod_uid/main/0.log");
    Random random = new Random(7);
    List<List<Map.Entry<String, Object>>> expected = new ArrayList<>();
    SourceFile file = first;
    long offset = 0;
    for (int i = 0; i < 3000; i++) {
      if (random.nextInt(200) == 0) { // renamed by rotation: same identity, new path
        file = new SourceFile(first.input(), Path.of(first.path() + "." + i), first.identity(),
            first.stream(), first.format());
      }
      boolean container = random.nextInt(3) > 0;
      boolean stderr = random.nextBoolean();
      boolean truncated = random.nextInt(4) == 0;
      byte[] bytes = ("line " + i).getBytes(StandardCharsets.UTF_8);
      if (container) {
        harness.chain().containerLine(file, offset, offset + 100, bytes, bytes.length, truncated, 1L, stderr);
      } else {
        harness.chain().line(file, offset, offset + 100, bytes, bytes.length, truncated);
      }
      List<Map.Entry<String, Object>> keys = new ArrayList<>();
      keys.add(Map.entry(AttributeNames.LOG_FILE_PATH, file.path().toString()));
      keys.add(Map.entry(AttributeNames.LOG_OFFSET, offset));
      keys.add(Map.entry(AttributeNames.PIPELENS_STREAM, file.stream().wireName()));
      if (container) {
        keys.add(Map.entry(AttributeNames.LOG_IOSTREAM, stderr ? "stderr" : "stdout"));
      }
      if (truncated) {
        keys.add(Map.entry(AttributeNames.LOG_TRUNCATED, true));
      }
      expected.add(keys);
      offset += 100;
    }

    assertThat(harness.emitted).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(entries(harness.emitted.get(i).record().attributes())).as("record %d", i)
          .isEqualTo(expected.get(i));
    }
  }

  private static List<Map.Entry<String, Object>> entries(Attributes attributes) {
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      AnyValue value = attributes.valueAt(i);
      Object plain = switch (value.type()) {
        case STRING -> ((AnyValue.StringValue) value).value();
        case LONG -> ((AnyValue.LongValue) value).value();
        case BOOL -> ((AnyValue.BoolValue) value).value();
        default -> value;
      };
      entries.add(Map.entry(attributes.keyAt(i), plain));
    }
    return entries;
  }
}
