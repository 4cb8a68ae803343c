package io.pipelens.history.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pipelens.history.testing.TestLogs;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskLineParser} against the Jackson path it stands in for ({@link TaskEventParser} after
 * the {@code Event} field, then nothing but the end of the line): on every task line of the test
 * logs, and on those lines changed in every way a log might be odd. Whenever the byte parser takes
 * a line, Jackson must take it too and read the same event; lines it leaves are read by Jackson.
 */
class TaskLineParserTest {

  private static final List<String> LOGS =
      List.of(
          TestLogs.LOCAL_1422981780767,
          TestLogs.ATTEMPT_1,
          TestLogs.ATTEMPT_2,
          TestLogs.SQL_3_3,
          "app-20180109111548-0000");

  private final ObjectMapper mapper = new ObjectMapper();
  private final TaskEventParser jackson = new TaskEventParser(mapper);
  private final TaskLineParser bytes = new TaskLineParser();

  @Test
  void readsEveryTaskLineOfSparksLogsAsJacksonDoes() {
    int taken = 0;
    int lines = 0;
    for (String line : taskLines()) {
      lines++;
      Optional<String> fast = fast(line);
      assertThat(reference(line)).as(line).isPresent();
      if (fast.isPresent()) {
        taken++;
        assertThat(fast).as(line).isEqualTo(reference(line));
      } else {
        // Only failure reasons are irregular enough to be left to Jackson in Spark's own logs.
        assertThat(line).doesNotContain("\"Task End Reason\":{\"Reason\":\"Success\"}");
      }
    }
    assertThat(lines).isGreaterThan(200);
    assertThat(taken).isGreaterThan(lines * 9 / 10);
  }

  @Test
  void takesTheSpark33LogWholeWithItsAccumulablesAndSqlUpdates() {
    List<String> lines =
        TestLogs.lines(TestLogs.SQL_3_3).stream()
            .filter(l -> TaskLineParser.taskEvent(utf8(l), 0, utf8(l).length) >= 0)
            .toList();
    for (String line : lines) {
      assertThat(fast(line)).as(line).isPresent().isEqualTo(reference(line));
    }
    TaskEvent event = new TaskEvent();
    String end = lines.stream().filter(l -> l.contains("TaskEnd")).findFirst().orElseThrow();
    byte[] b = utf8(end);
    assertThat(bytes.parse(TaskLineParser.taskEvent(b, 0, b.length), b, 0, b.length, event))
        .isTrue();
    assertThat(event.reasonKind).isEqualTo("Success");
    assertThat(event.sqlUpdateCount).isPositive();
    assertThat(event.metrics[TaskMetric.EXECUTOR_RUN_TIME.ordinal()]).isPositive();
    assertThat(event.executorMetrics).isNotNull();
  }

  @Test
  void keepsAndDropsAccumulablesSpelledAsSparkWritesThemAsJacksonDoes() {
    // The accumulables of Spark's 3.3 log are all internal; user and SQL ones that are not, each
    // in the exact field order that is read as one run, and once with a field more or missing.
    String end =
        TestLogs.lines(TestLogs.SQL_3_3).stream()
            .filter(l -> l.startsWith("{\"Event\":\"SparkListenerTaskEnd\""))
            .findFirst()
            .orElseThrow();
    String sql = "\"Internal\":true,\"Count Failed Values\":true,\"Metadata\":\"sql\"";
    assertThat(end).contains(sql);
    List<String> variants =
        List.of(
            "\"Internal\":false,\"Count Failed Values\":true,\"Metadata\":\"sql\"",
            "\"Internal\":false,\"Count Failed Values\":false,\"Metadata\":\"other\"",
            "\"Internal\":false,\"Count Failed Values\":true",
            "\"Internal\":false,\"Count Failed Values\":true,\"Metadata\":null",
            "\"Internal\":false,\"Count Failed Values\":true,\"Metadata\":\"sql\",\"X\":1",
            "\"Internal\":false,\"Metadata\":\"sql\"",
            "\"Internal\":false,\"Count Failed Values\":1,\"Metadata\":\"sql\"",
            "\"Internal\":false,\"Count Failed Values\":true,\"Metadata\":\"sql\",\"Metadata\":\"x\"");
    int kept = 0;
    for (String variant : variants) {
      String line = end.replace(sql, variant);
      Optional<String> fast = fast(line);
      assertThat(fast).as(line).isPresent().isEqualTo(reference(line));
      TaskEvent task = new TaskEvent();
      byte[] b = utf8(line);
      assertThat(bytes.parse(TaskLineParser.taskEvent(b, 0, b.length), b, 0, b.length, task)).isTrue();
      kept += task.accumulables.size();
    }
    assertThat(kept).isPositive();
  }

  @Test
  void agreesWithJacksonOnOddButValidLines() {
    List<Function<String, String>> edits =
        List.of(
            line -> spaced(line),
            line -> edit(line, (node, random) -> shuffle(node, random, true)),
            line -> edit(line, (node, random) -> shuffle(node, random, false)),
            line -> replaceRandom(line, JsonNode::isNumber, n -> TextNode.valueOf(n.asText())),
            line -> replaceRandom(line, JsonNode::isTextual, n -> NullNode.getInstance()),
            line -> replaceRandom(line, JsonNode::isNumber, n -> NullNode.getInstance()),
            line -> replaceRandom(line, JsonNode::isBoolean, n -> NullNode.getInstance()),
            line -> replaceRandom(line, JsonNode::isBoolean, n -> jsonInt(n.asBoolean() ? 1 : 0)),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("h\u00e9st")),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("a\"b\\c")),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("\u20ac\ud83d\ude00")),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("")),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("-")),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("1234567890123456789")),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("9223372036854775808")),
            line -> replaceRandom(line, JsonNode::isTextual, n -> TextNode.valueOf("-12")),
            line -> replaceRandom(line, JsonNode::isNumber, n -> bigInt("12345678901234567890")),
            line -> replaceRandom(line, JsonNode::isNumber, n -> bigInt("2147483648")),
            line -> replaceRandom(line, JsonNode::isNumber, n -> bigInt("999999999")),
            line -> replaceRandom(line, JsonNode::isNumber, n -> bigInt("-999999999999999999")),
            line -> replaceRandom(line, JsonNode::isNumber, n -> JsonNodeFactory.instance.numberNode(1.5)),
            line -> replaceRandom(line, JsonNode::isNumber, n -> JsonNodeFactory.instance.numberNode(-0.0)),
            line -> replaceRandom(line, JsonNode::isNumber, n -> JsonNodeFactory.instance.objectNode()),
            line -> replaceRandom(line, JsonNode::isObject, n -> JsonNodeFactory.instance.arrayNode()),
            line -> replaceRandom(line, JsonNode::isObject, n -> NullNode.getInstance()),
            line -> replaceRandom(line, JsonNode::isObject, n -> JsonNodeFactory.instance.objectNode()),
            line -> replaceRandom(line, JsonNode::isArray, n -> NullNode.getInstance()),
            line -> replaceRandom(line, JsonNode::isArray, n -> TextNode.valueOf("[]")),
            line -> replaceRandom(line, JsonNode::isArray, n -> nested(40)),
            line -> replaceRandom(line, JsonNode::isTextual, n -> BooleanNode.TRUE),
            line -> edit(line, TaskLineParserTest::removeRandomField),
            line -> edit(line, TaskLineParserTest::addUnknownField),
            line -> line.replace("\"Task End Reason\":{\"Reason\":\"Success\"}",
                "\"Task End Reason\":{\"Reason\":\"Success\",\"Extra\":1}"),
            line -> line.replace("{\"Reason\":\"Success\"}", "{\"Reason\":\"Success\",\"Reason\":\"Resubmitted\"}"),
            line -> line.replace("{\"Reason\":\"Success\"}", "{\"Reason\":\"Resubmitted\",\"Reason\":\"Success\"}"),
            line -> line.replaceFirst(",\"Stage ID\":(\\d+)", ",\"Stage ID\":$1,\"Stage ID\":77"),
            line -> line.replaceFirst("\\{\"Task ID\":", "{\"Task ID\":5,\"Task ID\":"),
            line -> line.replaceFirst("\"Index\":(\\d+)", "\"Index\":0$1"),
            line -> line.replaceFirst("\"Index\":(\\d+)", "\"Index\":-$1"),
            line -> line.replaceFirst("\"Index\":(\\d+)", "\"Index\":-0"),
            line -> line.replaceFirst("\"Launch Time\":(\\d+)", "\"Launch Time\":$1.0"),
            line -> line.replaceFirst("\"Launch Time\":(\\d+)", "\"Launch Time\":$1e2"),
            line -> line.replaceFirst("\"Result Size\":(\\d+)", "\"Result Size\":$1E+1"),
            line -> line.replaceFirst("\"JVMHeapMemory\":(\\d+)", "\"JVMHeapMemory\":$1.5"),
            line -> line.replaceFirst("\"Host\":\"", "\"Host\":\"\\u0041"),
            line -> line.replaceFirst("\"Task Type\":\"", "\"Task Type\":\"\\u00e9\\n\\/"),
            line -> line.replaceFirst("\"Task Type\":\"", "\"Task Type\":\"\\x"),
            line -> line.replaceFirst("\"Task Type\":\"", "\"Task Type\":\"\\u12G4"),
            line -> line.replaceFirst("\"Task Type\":\"", "\"Task Type\":\"\t"),
            line -> line.replaceFirst("\"Task Type\"", "\"Task\\u0020Type\""),
            line -> line.replaceFirst("\"Host\"", "\"Ho\\u0073t\""),
            line -> line.replaceFirst("\"Locality\":\"([A-Z_]+)\"", "\"Locality\":\"$1\",\"Locality\":\"ANY\""),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[1,-2.5e-3,\"x\",null,true,{\"a\":[[]]}]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[1,]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[01]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[1.]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[.5]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[+1]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[tru]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[nul]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":[NaN]"),
            line -> line.replace("\"Updated Blocks\":[]", "\"Updated Blocks\":{}"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[1,"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":1,\"Name\":\"user\",\"Update\":{\"a\":1},\"Value\":[1]},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":1,\"Name\":\"user\",\"Update\":true,\"Value\":-7},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":1,\"Name\":null,\"Update\":\"5\",\"Internal\":false,\"Metadata\":null},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":2,\"Name\":\"internal.metrics.x\",\"Update\":\"00012\"},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":3,\"Name\":\"internal.metrics.\",\"Metadata\":\"sql\",\"Metadata\":\"x\"},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":4,\"Name\":\"internal.metric\",\"Update\":\"1e3\",\"Value\":\"9\"},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":5,\"Update\":-9223372036854775808,\"Value\":\"-9223372036854775809\"},"),
            line -> line.replace("\"Accumulables\":[", "\"Accumulables\":[{\"ID\":6,\"Update\":\"-9223372036854775808\"},{\"ID\":7,\"Update\":\"9223372036854775807\"},{\"ID\":8,\"Update\":\"99999999999999999999\"}, "),
            line -> line.replace("\"Shuffle Read Metrics\":{", "\"Shuffle Read Metrics\":{\"Input Metrics\":{\"Bytes Read\":5},\"Remote Blocks Fetched\":\"3\","),
            line -> line.replace("\"Task Metrics\":{", "\"Task Metrics\":{\"Input/Bytes Read\":11,\"Other Metrics\":{\"Executor Run Time\":1},"),
            line -> line.replace("\"Task Metrics\":{", "\"Task Metrics\":{\"Executor Run Time\":123456789012345678901,"),
            line -> line.replace("\"Task Metrics\":{", "\"Task Metrics\":{\"Executor Run Time\":[1],"),
            line -> line.replace("\"Task Executor Metrics\":{", "\"Task Executor Metrics\":{\"JVMHeapMemory\":\"7\",\"Unknown\":1.5e300,\"MinorGCTime\":{\"x\":1},"),
            line -> line + " \t\r",
            line -> line + " x",
            line -> line + "{}",
            line -> line + "}",
            line -> " " + line,
            line -> line.replaceFirst("^\\{\"Event\":(\"[A-Za-z]+\")", "{\"Event\" : $1 "),
            line -> line.replaceFirst("^\\{\"Event\":(\"[A-Za-z]+\"),", "{\"Event\":$1 ,\n"),
            line -> line.replaceFirst("^\\{\"Event\":(\"[A-Za-z]+\"),", "{\"Event\":$1,\"Event\":\"Other\","),
            line -> line.replaceFirst("^\\{\"Event\":\"([A-Za-z]+)\"", "{\"Event\":\"$1X\""),
            line -> line.replaceFirst("^\\{\"Event\":(\"[A-Za-z]+\"),.*", "{\"Event\":$1}"),
            line -> line.replaceFirst("^\\{\"Event\":(\"[A-Za-z]+\"),.*", "{\"Event\":$1,}"));
    Random random = new Random(5);
    int checked = 0;
    int taken = 0;
    for (String line : taskLines()) {
      for (Function<String, String> edit : edits) {
        seed = random.nextLong();
        String odd = edit.apply(line);
        checked++;
        if (check(odd)) {
          taken++;
        }
      }
    }
    // Both outcomes are exercised: many odd lines are still the byte parser's, many are not.
    assertThat(taken).isGreaterThan(checked / 4).isLessThan(checked * 9 / 10);
  }

  @Test
  void agreesWithJacksonOnDamagedLines() {
    Random random = new Random(11);
    byte[] interesting =
        "\"\\{}[],: x0-.eE\u0001\t".getBytes(StandardCharsets.ISO_8859_1);
    int checked = 0;
    for (String line : taskLines()) {
      byte[] b = utf8(line);
      // Cut at random places: an unfinished line (or a cut in a string) is never taken whole.
      for (int i = 0; i < 20; i++) {
        int cut = random.nextInt(b.length);
        assertThat(check(Arrays.copyOf(b, cut))).as("cut at %d of %s", cut, line).isFalse();
        checked++;
      }
      for (int i = 0; i < 60; i++) {
        byte[] damaged = b.clone();
        int at = random.nextInt(damaged.length);
        damaged[at] =
            random.nextInt(4) == 0
                ? (byte) random.nextInt(256)
                : interesting[random.nextInt(interesting.length)];
        check(damaged);
        checked++;
      }
      byte[] longer = Arrays.copyOf(b, b.length + 1);
      System.arraycopy(b, 0, longer, 1, b.length);
      longer[0] = '{';
      check(longer);
    }
    assertThat(checked).isGreaterThan(10_000);
  }

  @Test
  void leavesNonAsciiAndEscapedTextToJackson() {
    String line =
        "{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":1,\"Stage Attempt ID\":0,"
            + "\"Task Info\":{\"Task ID\":3,\"Host\":\"h\u00f6st\",\"Executor ID\":\"1\"}}";
    assertThat(fast(line)).isEmpty();
    assertThat(reference(line)).get().asString().contains("h\u00f6st");
    String escaped = line.replace("h\u00f6st", "a\\\"b");
    assertThat(fast(escaped)).isEmpty();
    assertThat(reference(escaped)).get().asString().contains("a\"b");
    String plain = line.replace("h\u00f6st", "host-1");
    assertThat(fast(plain)).isPresent().isEqualTo(reference(plain));
  }

  private long seed;

  /** Asserts that whenever the byte parser takes {@code line}, Jackson reads the same event. */
  private boolean check(String line) {
    return check(utf8(line));
  }

  private boolean check(byte[] line) {
    Optional<String> fast = fast(line);
    if (fast.isPresent()) {
      assertThat(reference(line))
          .as("taken by the byte parser: %s", new String(line, StandardCharsets.UTF_8))
          .isEqualTo(fast);
      return true;
    }
    return false;
  }

  private Optional<String> fast(String line) {
    return fast(utf8(line));
  }

  private Optional<String> fast(byte[] line) {
    int event = TaskLineParser.taskEvent(line, 0, line.length);
    if (event < 0) {
      return Optional.empty();
    }
    // In the middle of a larger buffer, as the line scanner hands lines over.
    byte[] padded = new byte[line.length + 20];
    Arrays.fill(padded, (byte) '}');
    System.arraycopy(line, 0, padded, 7, line.length);
    TaskEvent task = new TaskEvent();
    if (!bytes.parse(event, padded, 7, line.length, task)) {
      return Optional.empty();
    }
    return Optional.of(TaskLineParser.EVENTS.get(event) + " " + describe(task));
  }

  private Optional<String> reference(String line) {
    return reference(utf8(line));
  }

  /** The replayer's Jackson path for a task line: empty when it counts the line as corrupt. */
  private Optional<String> reference(byte[] line) {
    TaskEvent task = new TaskEvent();
    try (JsonParser parser = mapper.getFactory().createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT
          || parser.nextToken() != JsonToken.FIELD_NAME
          || !"Event".equals(parser.currentName())
          || parser.nextToken() != JsonToken.VALUE_STRING
          || !StatusListener.isTaskEvent(parser.getText())) {
        return Optional.empty();
      }
      String event = parser.getText();
      jackson.parse(parser, task);
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of(event + " " + describe(task));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static String describe(TaskEvent t) {
    return String.join(
        "|",
        List.of(
            "stage=" + t.stageId + "." + t.stageAttemptId,
            "task=" + t.taskId + " index=" + t.index + " attempt=" + t.attempt,
            "partition=" + t.partitionId,
            "times=" + t.launchTime + "," + t.gettingResultTime + "," + t.finishTime,
            "executor=" + t.executorId + " host=" + t.host + " locality=" + t.locality,
            "flags=" + t.speculative + t.failed + t.killed + t.hasTaskInfo,
            "accumulables=" + t.accumulables,
            "sql=" + Arrays.toString(Arrays.copyOf(t.sqlUpdates, 2 * t.sqlUpdateCount)),
            "metrics=" + Arrays.toString(t.metrics),
            "executorMetrics=" + Arrays.toString(t.executorMetrics),
            "reason=" + t.reasonKind + " " + t.reason));
  }

  private List<String> taskLines() {
    List<String> lines = new ArrayList<>();
    for (String log : LOGS) {
      for (String line : TestLogs.lines(log)) {
        byte[] b = utf8(line);
        if (TaskLineParser.taskEvent(b, 0, b.length) >= 0) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // --- edits ---------------------------------------------------------------------------------

  private interface TreeEdit {
    void apply(ObjectNode root, Random random);
  }

  private String edit(String line, TreeEdit edit) {
    try {
      ObjectNode root = (ObjectNode) mapper.readTree(line);
      edit.apply(root, new Random(seed));
      return mapper.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String spaced(String line) {
    try {
      return mapper
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(mapper.readTree(line))
          .replace("\n", new Random(seed).nextBoolean() ? " " : "\r\n\t")
          .replaceFirst("^\\{\\s*\"Event\" : ", "{\"Event\":");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String replaceRandom(
      String line,
      java.util.function.Predicate<JsonNode> which,
      Function<JsonNode, JsonNode> with) {
    return edit(
        line,
        (root, random) -> {
          List<Map.Entry<ObjectNode, String>> candidates = new ArrayList<>();
          collect(root, which, candidates, true);
          if (candidates.isEmpty()) {
            return;
          }
          Map.Entry<ObjectNode, String> chosen = candidates.get(random.nextInt(candidates.size()));
          chosen.getKey().set(chosen.getValue(), with.apply(chosen.getKey().get(chosen.getValue())));
        });
  }

  private static void collect(
      JsonNode node,
      java.util.function.Predicate<JsonNode> which,
      List<Map.Entry<ObjectNode, String>> into,
      boolean root) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!(root && field.getKey().equals("Event")) && which.test(field.getValue())) {
          into.add(Map.entry(object, field.getKey()));
        }
        collect(field.getValue(), which, into, false);
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        collect(element, which, into, false);
      }
    }
  }

  private static void shuffle(JsonNode node, Random random, boolean keepEventFirst) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      Collections.shuffle(fields, random);
      if (keepEventFirst) {
        fields.sort((a, b) -> Boolean.compare(!a.getKey().equals("Event"), !b.getKey().equals("Event")));
      }
      object.removeAll();
      for (Map.Entry<String, JsonNode> field : fields) {
        shuffle(field.getValue(), random, false);
        object.set(field.getKey(), field.getValue());
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        shuffle(element, random, false);
      }
    }
  }

  private static void removeRandomField(ObjectNode root, Random random) {
    List<Map.Entry<ObjectNode, String>> fields = new ArrayList<>();
    collect(root, n -> true, fields, true);
    Map.Entry<ObjectNode, String> chosen = fields.get(random.nextInt(fields.size()));
    chosen.getKey().remove(chosen.getValue());
  }

  private static void addUnknownField(ObjectNode root, Random random) {
    List<Map.Entry<ObjectNode, String>> fields = new ArrayList<>();
    collect(root, JsonNode::isObject, fields, true);
    fields.add(Map.entry(root, "Event"));
    Map.Entry<ObjectNode, String> chosen = fields.get(random.nextInt(fields.size()));
    ObjectNode target =
        chosen.getValue().equals("Event") ? chosen.getKey() : (ObjectNode) chosen.getKey().get(chosen.getValue());
    target.set("Added By A Newer Spark", nested(3));
  }

  private static JsonNode nested(int depth) {
    JsonNode node = JsonNodeFactory.instance.objectNode().put("leaf", 1);
    for (int i = 0; i < depth; i++) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      array.add(node);
      node = array;
    }
    return node;
  }

  private static JsonNode jsonInt(int value) {
    return JsonNodeFactory.instance.numberNode(value);
  }

  private static JsonNode bigInt(String digits) {
    return JsonNodeFactory.instance.numberNode(new BigInteger(digits));
  }
}
