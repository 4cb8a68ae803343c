package io.pipelens.collector.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  @Test
  void commitsOnlyTheContiguousAcknowledgedRun() {
    PartitionProgress progress = new PartitionProgress();
    for (long offset = 10; offset <= 14; offset++) {
      progress.polled(offset);
    }
    assertThat(progress.toCommit()).isEqualTo(-1);
    progress.acknowledged(12);
    progress.acknowledged(13);
    assertThat(progress.toCommit()).as("10 and 11 are still in flight").isEqualTo(-1);
    progress.acknowledged(10);
    assertThat(progress.toCommit()).isEqualTo(11);
    progress.markCommitted(11);
    assertThat(progress.toCommit()).isEqualTo(-1);
    progress.acknowledged(11);
    assertThat(progress.toCommit()).isEqualTo(14);
    assertThat(progress.inFlight()).isEqualTo(1);
  }

  @Test
  void gapsInOffsetsDoNotBlockCommits() {
    PartitionProgress progress = new PartitionProgress();
    progress.polled(5);
    progress.polled(9); // 6..8 were compacted away or were transaction markers
    progress.acknowledged(9);
    progress.acknowledged(5);
    assertThat(progress.toCommit()).isEqualTo(10);
    progress.acknowledged(7); // never polled: ignored
    assertThat(progress.inFlight()).isZero();
  }
}
