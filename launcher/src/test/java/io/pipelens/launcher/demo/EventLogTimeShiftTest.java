package io.pipelens.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventLogTimeShiftTest {

  private static final Pattern NUMBERS = Pattern.compile("\\d+");

  @Test
  void shiftingBackGivesEveryBundledLogByteForByte() {
    for (DemoSparkApp app : new SyntheticFleet(java.nio.file.Path.of("/unused"), java.time.Clock.systemUTC(),
        FleetPace.standard()).apps()) {
      SparkEventLog log = app.log();
      long delta = 365L * 24 * 3_600_000 * 9 + 12_345;
      StringBuilder back = new StringBuilder();
      int changed = 0;
      for (String line : log.lines()) {
        String shifted = EventLogTimeShift.shift(line, delta);
        if (!shifted.equals(line)) {
          changed++;
          // Only numbers change: with every number blanked, the lines are equal.
          assertThat(NUMBERS.matcher(shifted).replaceAll("#")).isEqualTo(NUMBERS.matcher(line).replaceAll("#"));
        }
        back.append(EventLogTimeShift.shift(shifted, -delta)).append('\n');
      }
      assertThat(back.toString().getBytes(StandardCharsets.UTF_8)).as(log.appId()).isEqualTo(log.originalBytes());
      assertThat(changed).as(log.appId() + ": lines with a time").isGreaterThan(log.lines().size() / 2);
    }
  }

  @Test
  void timesMoveAndIdsAndZerosDoNot() {
    String line = "{\"Event\":\"SparkListenerTaskEnd\",\"Task Info\":{\"Launch Time\":1422981788731,"
        + "\"Getting Result Time\":0,\"Finish Time\":1422981788800},\"App ID\":\"local-1422981780767\","
        + "\"Peak\":1422981788731}";
    assertThat(EventLogTimeShift.shift(line, 1000)).isEqualTo(
        "{\"Event\":\"SparkListenerTaskEnd\",\"Task Info\":{\"Launch Time\":1422981789731,"
            + "\"Getting Result Time\":0,\"Finish Time\":1422981789800},\"App ID\":\"local-1422981780767\","
            + "\"Peak\":1422981788731}");
    assertThat(List.of(EventLogTimeShift.shift("{\"Timestamp\":1554755989747}", -1))).containsExactly(
        "{\"Timestamp\":1554755989746}");
  }
}
