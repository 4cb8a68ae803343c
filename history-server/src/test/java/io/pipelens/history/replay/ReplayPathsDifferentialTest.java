package io.pipelens.history.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole replays with and without {@link TaskLineParser}: the replayed state, compared field by
 * field through the whole object graph, and the line counts must be the same, for Spark's logs
 * and for a log with odd, damaged and truncated task lines mixed in.
 */
class ReplayPathsDifferentialTest {

  @TempDir Path dir;

  @Test
  void sparksLogsReplayTheSameThroughBothPaths() throws IOException {
    for (String log :
        List.of(
            TestLogs.LOCAL_1422981780767,
            TestLogs.ATTEMPT_1,
            TestLogs.ATTEMPT_2,
            TestLogs.SQL_3_3,
            TestLogs.YARN_3_0,
            "app-20180109111548-0000")) {
      Path one = Files.createDirectories(dir.resolve(log + "-dir"));
      TestLogs.copy(one, log);
      ReplayStats stats = assertSameReplay(one);
      assertThat(stats.corruptLines()).isZero();
    }
  }

  @Test
  void aLogWithOddAndDamagedTaskLinesReplaysTheSame() throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.SQL_3_3));
    lines.addAll(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    Random random = new Random(3);
    List<String> odd = new ArrayList<>();
    for (String line : lines) {
      odd.add(line);
      if (!line.startsWith("{\"Event\":\"SparkListenerTask")) {
        continue;
      }
      switch (random.nextInt(6)) {
        case 0 -> odd.add(line.substring(0, random.nextInt(line.length())));
        case 1 -> odd.add(line.replaceFirst("\"Task ID\":(\\d+)", "\"Task ID\":\"$1\""));
        case 2 -> odd.add(line.replace("\"Host\":\"", "\"Host\":\"\u00e9"));
        case 3 -> odd.add(line.replaceFirst("\"Stage ID\":(\\d+)", "\"Stage ID\":$1.5"));
        case 4 -> odd.add(line + " garbage");
        default -> {
          char[] chars = line.toCharArray();
          chars[random.nextInt(chars.length)] = "\"{}[],:x\\".charAt(random.nextInt(9));
          odd.add(new String(chars));
        }
      }
    }
    // An unfinished last line, as a crashed driver leaves it.
    String last = lines.get(lines.size() - 2);
    TestLogs.write(dir.resolve("local-1642039451826"), odd);
    TestLogs.append(dir.resolve("local-1642039451826"), last.substring(0, last.length() / 2));

    ReplayStats stats = assertSameReplay(dir);

    assertThat(stats.eventsApplied()).isGreaterThan(200);
    assertThat(stats.corruptLines()).isGreaterThan(50);
    assertThat(stats.truncatedLines()).isEqualTo(1);
  }

  @Test
  void aLogOfManyBatchesReplaysTheSameAndContinuesTheSame() throws IOException {
    // Several megabytes, so that batches go to the parsing threads and come back in order, with
    // odd, damaged, blank and oversized lines among them, and an in-progress log's cut last line.
    List<String> base = TestLogs.lines(TestLogs.SQL_3_3);
    Random random = new Random(8);
    List<String> lines = new ArrayList<>();
    long taskId = 100_000;
    for (String line : base) {
      lines.add(line);
      if (!line.startsWith("{\"Event\":\"SparkListenerTask")) {
        continue;
      }
      for (int copy = 0; copy < 60; copy++) {
        String fresh = line.replaceFirst("\"Task ID\":\\d+", "\"Task ID\":" + taskId++);
        lines.add(
            switch (random.nextInt(40)) {
              case 0 -> fresh.substring(0, random.nextInt(fresh.length()));
              case 1 -> "";
              case 2 -> "   ";
              case 3 -> fresh.replace("\"Host\":\"", "\"Host\":\"\u00e9");
              case 4 -> fresh + fresh;
              case 5 -> fresh.replace("\"Accumulables\":[", "\"Accumulables\":[" + "{\"ID\":1},".repeat(400));
              // Whitespace between a task line's JSON and its newline, where the task parser
              // finds the line's end without a newline search.
              case 6 -> fresh + "\r";
              case 7 -> fresh + " \t ";
              default -> fresh;
            });
      }
    }
    int half = lines.size() / 2;
    Path log = dir.resolve("local-1642039451826.inprogress");
    TestLogs.write(log, lines.subList(0, half));
    String cut = lines.get(half).substring(0, 40);
    TestLogs.append(log, cut);
    assertThat(Files.size(log)).isGreaterThan(4L * LineBatch.BYTES);

    LocalEventLogStore store = new LocalEventLogStore(dir);
    EventLogDecoder decoder = new EventLogDecoder();
    // A line limit that makes the lines with long accumulable lists oversized.
    EventLogReplayer jackson = new EventLogReplayer(8 * 1024, decoder, false);
    EventLogReplayer bytes = new EventLogReplayer(8 * 1024, decoder, true);
    EventLog first = new EventLogDiscovery().discover(store).logs().get(0);
    ReplayResult jacksonFirst = jackson.replay(store, first);
    ReplayResult bytesFirst = bytes.replay(store, first);
    assertSame(jacksonFirst, bytesFirst);
    assertThat(bytesFirst.stats().oversizedLines()).isPositive();
    assertThat(bytesFirst.stats().corruptLines()).isPositive();
    assertThat(bytesFirst.stats().truncatedLines()).isEqualTo(1);
    assertThat(bytesFirst.progress()).isNotNull();

    // The writer finishes the cut line and goes on; both continue from the same offset.
    Files.writeString(
        log,
        lines.get(half).substring(40) + "\n" + String.join("\n", lines.subList(half + 1, lines.size())) + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    EventLog grown = new EventLogDiscovery().discover(store).logs().get(0);
    ReplayResult jacksonNext = jackson.resume(jacksonFirst.progress(), store, grown).orElseThrow();
    ReplayResult bytesNext = bytes.resume(bytesFirst.progress(), store, grown).orElseThrow();
    assertSame(jacksonNext, bytesNext);
    assertThat(bytesNext.stats().eventsApplied()).isGreaterThan(1000);
  }

  @Test
  void linesLongerThanABatchAreCutAsTheLineScannerCutsThem() throws IOException {
    // Batches are read a megabyte at a time: a line longer than that is grown into when it is
    // under the line limit and skipped as oversized when it is over it, also as an unfinished
    // last line; each case next to short lines on both sides and at every end of a read.
    int limit = 3 * LineBatch.BYTES;
    String pad = "x".repeat(LineBatch.BYTES / 2);
    List<String> base = TestLogs.lines(TestLogs.SQL_3_3);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < base.size(); i++) {
      lines.add(base.get(i));
      switch (i % 9) {
        case 1 -> lines.add("{\"Event\":\"org.example.Custom\",\"pad\":\"" + pad.repeat(3) + "\"}");
        case 4 -> lines.add("{\"Event\":\"org.example.Custom\",\"pad\":\"" + pad.repeat(7) + "\"}");
        case 7 -> lines.add(pad.substring(0, 1 + i % 13));
        default -> { }
      }
    }
    Path log = dir.resolve("local-1642039451826.inprogress");
    TestLogs.write(log, lines);
    TestLogs.append(log, "{\"Event\":\"org.example.Custom\",\"pad\":\"" + pad.repeat(8));

    LocalEventLogStore store = new LocalEventLogStore(dir);
    EventLogDecoder decoder = new EventLogDecoder();
    EventLog listed = new EventLogDiscovery().discover(store).logs().get(0);
    ReplayResult jackson = new EventLogReplayer(limit, decoder, false).replay(store, listed);
    ReplayResult bytes = new EventLogReplayer(limit, decoder, true).replay(store, listed);
    assertSame(jackson, bytes);
    assertThat(bytes.stats().oversizedLines()).isPositive();
    assertThat(bytes.stats().eventsSkipped()).isPositive();
    assertThat(bytes.stats().eventsApplied()).isGreaterThan(100);
  }

  private static void assertSame(ReplayResult jackson, ReplayResult bytes) {
    assertThat(counts(bytes.stats())).isEqualTo(counts(jackson.stats()));
    assertThat(bytes.progress() == null).isEqualTo(jackson.progress() == null);
    if (jackson.progress() != null) {
      assertThat(bytes.progress().offset()).isEqualTo(jackson.progress().offset());
    }
    String expected = dump(jackson.state());
    String actual = dump(bytes.state());
    int at = java.util.Arrays.mismatch(expected.toCharArray(), actual.toCharArray());
    assertThat(at < 0 ? "" : around(actual, at))
        .as("the state replayed with the byte parser, where it differs")
        .isEqualTo(at < 0 ? "" : around(expected, at));
  }

  private static ReplayStats assertSameReplay(Path directory) throws IOException {
    LocalEventLogStore store = new LocalEventLogStore(directory);
    List<EventLog> logs = new EventLogDiscovery().discover(store).logs();
    assertThat(logs).hasSize(1);
    EventLogDecoder decoder = new EventLogDecoder();
    ReplayResult jackson =
        new EventLogReplayer(EventLogReplayer.MAX_LINE_BYTES, decoder, false)
            .replay(store, logs.get(0));
    ReplayResult bytes =
        new EventLogReplayer(EventLogReplayer.MAX_LINE_BYTES, decoder, true)
            .replay(store, logs.get(0));
    assertThat(counts(bytes.stats())).isEqualTo(counts(jackson.stats()));
    String expected = dump(jackson.state());
    String actual = dump(bytes.state());
    int at = java.util.Arrays.mismatch(expected.toCharArray(), actual.toCharArray());
    // The first difference with some context, rather than two dumps of megabytes.
    assertThat(at < 0 ? "" : around(actual, at))
        .as("the state replayed with the byte parser, where it differs")
        .isEqualTo(at < 0 ? "" : around(expected, at));
    return bytes.stats();
  }

  private static String around(String dump, int at) {
    return dump.substring(Math.max(0, at - 300), Math.min(dump.length(), at + 100));
  }

  private static List<Long> counts(ReplayStats stats) {
    return List.of(
        stats.bytesRead(),
        stats.lines(),
        stats.eventsApplied(),
        stats.eventsSkipped(),
        stats.corruptLines(),
        stats.truncatedLines(),
        stats.oversizedLines());
  }

  /** Every field of the replay's own objects, collections and maps by their contents. */
  private static String dump(Object root) {
    StringBuilder out = new StringBuilder();
    dump(root, out, new IdentityHashMap<>(), 0);
    return out.toString();
  }

  private static void dump(Object value, StringBuilder out, Map<Object, Integer> seen, int depth) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum<?>
        || value instanceof com.fasterxml.jackson.databind.JsonNode) {
      out.append(value);
      return;
    }
    if (value instanceof java.util.concurrent.locks.ReadWriteLock) {
      out.append("<lock>");
      return;
    }
    Integer at = seen.get(value);
    if (at != null) {
      out.append("<ref ").append(at).append('>');
      return;
    }
    seen.put(value, seen.size());
    Class<?> type = value.getClass();
    if (type.isArray()) {
      out.append('[');
      int length = java.lang.reflect.Array.getLength(value);
      for (int i = 0; i < length; i++) {
        dump(java.lang.reflect.Array.get(value, i), out, seen, depth + 1);
        out.append(',');
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        dump(entry.getKey(), out, seen, depth + 1);
        out.append('=');
        dump(entry.getValue(), out, seen, depth + 1);
        out.append(',');
      }
      out.append('}');
    } else if (value instanceof Collection<?> collection) {
      out.append('(');
      for (Object element : collection) {
        dump(element, out, seen, depth + 1);
        out.append(',');
      }
      out.append(')');
    } else if (type.getName().startsWith("io.pipelens.")) {
      out.append(type.getSimpleName()).append('{');
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers())) {
            continue;
          }
          field.setAccessible(true);
          out.append(field.getName()).append(':');
          try {
            dump(field.get(value), out, seen, depth + 1);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
          out.append(';');
        }
      }
      out.append('}');
    } else {
      out.append(type.getSimpleName()).append('(').append(value).append(')');
    }
  }
}
