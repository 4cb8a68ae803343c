package io.pipelens.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.agent.source.FileIdentity;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Stream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingBatchTest {

  @Test
  void theFilesEndsAreWhatAMapUpdatedOnEveryRecordHolds() {
    // A batch notes only the last file's end until another file comes: its ends must be those of
    // a map put for every record, in the same order, whatever the runs of files, renames (the same
    // identity under a new path), equal identities of different instances, and dropped records.
    Random random = new Random(11);
    LogRecord record = LogRecord.builder().build();
    for (int round = 0; round < 2_000; round++) {
      PendingBatch batch = new PendingBatch(round);
      Map<FileIdentity, PendingBatch.FileEnd> expected = new LinkedHashMap<>();
      List<SourceFile> seen = new ArrayList<>();
      int records = random.nextInt(30);
      long offset = 0;
      for (int i = 0; i < records; i++) {
        int file = random.nextInt(4);
        SourceFile source = random.nextInt(3) == 0 || seen.size() <= file
            ? file(file, random.nextInt(2)) : seen.get(random.nextInt(seen.size()));
        seen.add(source);
        offset += 1 + random.nextInt(100);
        if (random.nextInt(5) == 0) {
          batch.skip(source, offset);
        } else {
          batch.add(source, record, offset, 10);
        }
        expected.put(source.identity(), new PendingBatch.FileEnd(source, offset));
      }
      assertThat(batch.isEmpty()).isEqualTo(expected.isEmpty());
      assertThat(new ArrayList<>(batch.ends().entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
      assertThat(new ArrayList<>(batch.ends().entrySet())).as("asked again").isEqualTo(new ArrayList<>(expected.entrySet()));
    }
  }

  @Test
  void handsItsRecordsToTheOutputsOnceAndKeepsTheirCount() {
    PendingBatch batch = new PendingBatch(3);
    LogRecord first = LogRecord.builder().build();
    LogRecord second = LogRecord.builder().build();
    batch.add(file(0, 0), first, 10, 100);
    batch.add(file(0, 0), second, 20, 50);
    var records = batch.takeRecords();
    assertThat(records.records()).containsExactly(first, second);
    assertThat(records.bytes()).isEqualTo(150);
    assertThat(batch.size()).isEqualTo(2);
    assertThat(batch.bytes()).isEqualTo(150);
    assertThat(batch.ends().get(file(0, 0).identity()).endOffset()).isEqualTo(20);
    org.assertj.core.api.Assertions.assertThatThrownBy(batch::takeRecords).isInstanceOf(IllegalStateException.class);
  }

  // A new instance each time: identities equal by value, paths as after a rename.
  private static SourceFile file(int number, int generation) {
    return new SourceFile("in", Path.of("/logs/app-" + number + ".log" + (generation == 0 ? "" : ".1")),
        new FileIdentity(1, 100 + number, 7), Stream.ENGINE, SourceFile.LineFormat.RAW);
  }
}
