package io.pipelens.history.replay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a task event line straight from its bytes into a {@link TaskEvent}, for the lines Spark
 * writes: the bulk of a log, and most of the replay's time when read through Jackson.
 *
 * <p>It reads only what {@link TaskEventParser} reads, with the same meaning, and skips the rest
 * while still checking that it is valid JSON. Whatever lies outside the plain shape Spark writes
 * makes {@link #parse} return false, and the caller then reads the line with {@link
 * TaskEventParser} instead, which decides: an escape or a non-ASCII byte in a string it keeps or
 * in a field name, a non-ASCII byte anywhere, a fraction or exponent where a number is read, a
 * number too long for its type, a value of another type than Spark writes, an end reason other
 * than {@code Success}, anything that is not valid JSON, a truncated line. So both paths give the
 * same event for every line, and the same lines are corrupt.
 *
 * <p>Not thread-safe; one per replaying thread.
 */
final class TaskLineParser {

  /** The task events, in the order of {@link #PREFIXES}. */
  static final List<String> EVENTS =
      List.of("SparkListenerTaskStart", "SparkListenerTaskEnd", "SparkListenerTaskGettingResult");

  private static final byte[][] PREFIXES = new byte[EVENTS.size()][];

  static {
    for (int i = 0; i < EVENTS.size(); i++) {
      PREFIXES[i] = ("{\"Event\":\"" + EVENTS.get(i) + "\"").getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final ByteKeyTable TOP =
      new ByteKeyTable(
          List.of(
              "Stage ID",
              "Stage Attempt ID",
              "Task Info",
              "Task End Reason",
              "Task Metrics",
              "Task Executor Metrics",
              // Fields Spark writes that the model does not use: in the table only so that the
              // field-order guess covers them too (an unknown name is read and looked up).
              "Task Type"));

  private static final int STAGE_ID = 0;
  private static final int STAGE_ATTEMPT_ID = 1;
  private static final int TASK_INFO = 2;
  private static final int TASK_END_REASON = 3;
  private static final int TASK_METRICS = 4;
  private static final int TASK_EXECUTOR_METRICS = 5;

  private static final ByteKeyTable INFO =
      new ByteKeyTable(
          List.of(
              "Task ID",
              "Index",
              "Attempt",
              "Partition ID",
              "Launch Time",
              "Getting Result Time",
              "Finish Time",
              "Executor ID",
              "Host",
              "Locality",
              "Speculative",
              "Failed",
              "Killed",
              "Accumulables"));

  private static final ByteKeyTable ACCUMULABLE =
      new ByteKeyTable(
          // "Count Failed Values" is not used; in the table so that it is guessed (see TOP).
          List.of("ID", "Name", "Update", "Value", "Internal", "Metadata", "Count Failed Values"));

  private static final ByteKeyTable REASON = new ByteKeyTable(List.of("Reason"));

  private static final byte[] SUCCESS = "Success".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SQL = "sql".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INTERNAL_PREFIX =
      "internal.metrics.".getBytes(StandardCharsets.US_ASCII);

  /** {@link TaskMetric#group}'s object names, each mapped to its index in {@link #GROUP_NAMES}. */
  private static final List<String> GROUP_OBJECT_NAMES =
      List.of(
          "Input Metrics",
          "Output Metrics",
          "Shuffle Read Metrics",
          "Shuffle Write Metrics",
          "Push Based Shuffle",
          "Shuffle Push Read Metrics");

  private static final int[] GROUP_OF_OBJECT = {0, 1, 2, 3, 4, 4};

  private static final List<String> GROUP_NAMES =
      List.of("Input", "Output", "ShuffleRead", "ShuffleWrite", "Push");

  /**
   * Per group (and, last, outside any group): field name to {@link TaskMetric}, as at(), at the
   * metric's index in {@link #METRICS}; then the names of {@link #GROUP_OBJECT_NAMES} (a group
   * object may stand in any of them) and {@link #UNUSED_METRIC_FIELDS}, which are in the table only
   * so that the field-order guess covers them.
   */
  private static final ByteKeyTable[] METRIC_FIELDS = new ByteKeyTable[GROUP_NAMES.size() + 1];

  private static final TaskMetric[][] METRICS = new TaskMetric[GROUP_NAMES.size() + 1][];

  private static final int NO_GROUP = GROUP_NAMES.size();

  private static final List<String> UNUSED_METRIC_FIELDS = List.of("Updated Blocks");

  static {
    for (int g = 0; g <= GROUP_NAMES.size(); g++) {
      String prefix = g == NO_GROUP ? "" : GROUP_NAMES.get(g) + "/";
      List<String> fields = new ArrayList<>();
      List<TaskMetric> metrics = new ArrayList<>();
      for (TaskMetric metric : TaskMetric.values()) {
        if (metric.eventPath().startsWith(prefix)) {
          String field = metric.eventPath().substring(prefix.length());
          // The same lookup TaskEventParser does, so both agree on every name.
          if (TaskMetric.at(g == NO_GROUP ? null : GROUP_NAMES.get(g), field) == metric) {
            fields.add(field);
            metrics.add(metric);
          }
        }
      }
      METRICS[g] = metrics.toArray(new TaskMetric[0]);
      fields.addAll(GROUP_OBJECT_NAMES);
      fields.addAll(UNUSED_METRIC_FIELDS);
      METRIC_FIELDS[g] = new ByteKeyTable(fields);
    }
    for (int i = 0; i < GROUP_OF_OBJECT.length; i++) {
      if (!GROUP_NAMES.get(GROUP_OF_OBJECT[i]).equals(TaskMetric.group(GROUP_OBJECT_NAMES.get(i)))) {
        throw new AssertionError("metric groups out of step with TaskMetric.group");
      }
    }
  }

  private static final ByteKeyTable EXECUTOR_METRICS = new ByteKeyTable(ExecutorMetricNames.NAMES);

  /** Deeper JSON than this is left to Jackson (its own limit is higher). */
  private static final int MAX_DEPTH = 64;

  /** Longer strings, field names and numbers are left to Jackson, which has limits of its own. */
  private static final int MAX_STRING_BYTES = 1 << 20;

  private static final int MAX_NAME_BYTES = 1024;
  private static final int MAX_NUMBER_CHARS = 64;

  /** Thrown, without a stack trace, when the line is to be left to Jackson. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED = new Unsupported();

  /** What {@link FieldOrder#following()} returns at the end of an object. */
  private static final int END = -2;

  // Most task lines repeat the previous line's executor, host and locality.
  private final LastText executorIds = new LastText();
  private final LastText hosts = new LastText();
  private final LastText localities = new LastText();

  private final FieldOrder topFields = new FieldOrder(TOP);
  private final FieldOrder infoFields = new FieldOrder(INFO);
  private final FieldOrder accumulableFields = new FieldOrder(ACCUMULABLE);
  private final FieldOrder executorMetricFields = new FieldOrder(EXECUTOR_METRICS);
  private final FieldOrder[] metricFields = new FieldOrder[METRIC_FIELDS.length];

  {
    for (int g = 0; g < METRIC_FIELDS.length; g++) {
      metricFields[g] = new FieldOrder(METRIC_FIELDS[g]);
    }
  }

  private byte[] b;
  private int pos;
  private int end;
  private int depth;

  // The last value read by string() or literal(): its bytes, and what it was.
  private int valueStart;
  private int valueLength;
  private int valueKind;
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int LITERAL = 2;

  /**
   * The index in {@link #EVENTS} of the task event a line starts with, written as Spark writes it
   * ({@code {"Event":"SparkListenerTaskEnd",...}}); -1 for any other line.
   */
  static int taskEvent(byte[] bytes, int offset, int length) {
    // "SparkListenerTask" is at the same place in every prefix; the byte after it tells them apart.
    for (int i = 0; i < PREFIXES.length; i++) {
      byte[] prefix = PREFIXES[i];
      if (length >= prefix.length
          && java.util.Arrays.equals(prefix, 0, prefix.length, bytes, offset, offset + prefix.length)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads the line of event {@code event} (from {@link #taskEvent}) into {@code task}, after {@link
   * TaskEvent#reset()}.
   *
   * @return false when the line is left to {@link TaskEventParser}; {@code task} is then partly
   *     filled, and that parser resets it
   */
  boolean parse(int event, byte[] bytes, int offset, int length, TaskEvent task) {
    return parseLine(event, bytes, offset, offset + length, task) == offset + length;
  }

  /**
   * Reads the line of event {@code event} that starts at {@code offset} and ends at the first
   * newline before {@code limit}, or at {@code limit}, without looking for that newline first:
   * the parser meets it where the event's JSON ends, as it walks every byte of the line anyway.
   * No token and no whitespace of a line spans a newline (strings refuse control bytes), so a
   * newline anywhere else ends the line too early, and the line is left to Jackson.
   *
   * @return the index of the line's end (its newline, or {@code limit}), or -1 when the line is
   *     left to {@link TaskEventParser} (as {@link #parse})
   */
  int parseLine(int event, byte[] bytes, int offset, int limit, TaskEvent task) {
    b = bytes;
    pos = offset + PREFIXES[event].length;
    end = limit;
    depth = 1;
    task.reset();
    try {
      top(task);
      ws();
      if (pos == end || b[pos] == '\n') {
        return pos;
      }
      return -1;
    } catch (Unsupported e) {
      return -1;
    } finally {
      b = null;
    }
  }

  private void top(TaskEvent task) {
    topFields.begin();
    for (int field = topFields.following(); field != END; field = topFields.following()) {
      switch (field) {
        case STAGE_ID -> task.stageId = intValue();
        case STAGE_ATTEMPT_ID -> task.stageAttemptId = intValue();
        case TASK_INFO -> taskInfo(task);
        case TASK_END_REASON -> reason(task);
        case TASK_METRICS -> task.metrics = taskMetrics();
        case TASK_EXECUTOR_METRICS -> task.executorMetrics = executorMetrics();
        default -> skipValue();
      }
    }
  }

  private void taskInfo(TaskEvent task) {
    if (isNull()) {
      return;
    }
    if (!openObject()) {
      task.hasTaskInfo = true;
      return;
    }
    task.hasTaskInfo = true;
    infoFields.begin();
    for (int field = infoFields.name(); field != END; field = infoFields.following()) {
      switch (field) {
        case 0 -> task.taskId = longValue();
        case 1 -> task.index = intValue();
        case 2 -> task.attempt = intValue();
        case 3 -> task.partitionId = intValue();
        case 4 -> task.launchTime = longValue();
        case 5 -> task.gettingResultTime = longValue();
        case 6 -> task.finishTime = longValue();
        case 7 -> task.executorId = executorIds.text();
        case 8 -> task.host = hosts.text();
        case 9 -> task.locality = localities.text();
        case 10 -> task.speculative = bool();
        case 11 -> task.failed = bool();
        case 12 -> task.killed = bool();
        case 13 -> accumulables(task);
        default -> skipValue();
      }
    }
  }

  private void accumulables(TaskEvent task) {
    if (isNull()) {
      return;
    }
    expect('[');
    ws();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      int start = pos;
      if (!sparkAccumulable(task)) {
        pos = start; // read again, field by field
        accumulable(task);
      }
      ws();
      byte c = next();
      if (c == ']') {
        return;
      }
      if (c != ',') {
        throw UNSUPPORTED;
      }
      ws();
    }
  }

  // An accumulable's Name, Update and Value as read (start, length, kind), for keep().
  private int nameAt;
  private int nameLength;
  private int nameKind;
  private int updateAt;
  private int updateLength;
  private int updateKind;
  private int valueAt;
  private int valueLengthOf;
  private int valueKindOf;

  private static final byte[] ACCUMULABLE_ID = ascii("{\"ID\":");
  private static final byte[] ACCUMULABLE_NAME = ascii(",\"Name\":");
  private static final byte[] ACCUMULABLE_UPDATE = ascii(",\"Update\":");
  private static final byte[] ACCUMULABLE_VALUE = ascii(",\"Value\":");
  private static final byte[] ACCUMULABLE_INTERNAL = ascii(",\"Internal\":");
  private static final byte[] ACCUMULABLE_COUNT_FAILED = ascii(",\"Count Failed Values\":");
  private static final byte[] ACCUMULABLE_METADATA = ascii(",\"Metadata\":");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * An accumulable written exactly as Spark writes every one ({@code {"ID":..,"Name":..,
   * "Update":..,"Value":..,"Internal":..,"Count Failed Values":..}}, with {@code "Metadata"} last
   * for SQL metrics, no whitespace), read as one run of fixed field names rather than name by
   * name: a task end line holds a dozen or more of them, half of its bytes. Each value is read by
   * the same method {@link #accumulable} reads it with, so a value that fails here fails there
   * too; returns false for any other spelling, and the caller reads it with accumulable() from
   * where this began.
   */
  private boolean sparkAccumulable(TaskEvent task) {
    if (!skip(ACCUMULABLE_ID)) {
      return false;
    }
    long id = longValue();
    if (!skip(ACCUMULABLE_NAME)) {
      return false;
    }
    textValue();
    nameAt = valueStart;
    nameLength = valueLength;
    nameKind = valueKind;
    if (!skip(ACCUMULABLE_UPDATE)) {
      return false;
    }
    anyText();
    updateAt = valueStart;
    updateLength = valueLength;
    updateKind = valueKind;
    if (!skip(ACCUMULABLE_VALUE)) {
      return false;
    }
    anyText();
    valueAt = valueStart;
    valueLengthOf = valueLength;
    valueKindOf = valueKind;
    if (!skip(ACCUMULABLE_INTERNAL)) {
      return false;
    }
    boolean internal = bool();
    if (!skip(ACCUMULABLE_COUNT_FAILED) || (peek() != 't' && peek() != 'f')) {
      // accumulable() skips this field's value whatever it is; here only a boolean.
      return false;
    }
    bool();
    boolean sql = false;
    if (skip(ACCUMULABLE_METADATA)) {
      textValue();
      sql = valueKind == STRING && equals(valueStart, valueLength, SQL);
    }
    if (pos >= end || b[pos] != '}') {
      return false;
    }
    pos++;
    keep(task, id, internal, sql);
    return true;
  }

  /** Consumes {@code expected} if the bytes at the reader spell it. */
  private boolean skip(byte[] expected) {
    if (end - pos >= expected.length && ByteKeyTable.same(expected, b, pos)) {
      pos += expected.length;
      return true;
    }
    return false;
  }

  private void accumulable(TaskEvent task) {
    long id = -1;
    nameKind = NULL;
    updateKind = NULL;
    valueKindOf = NULL;
    boolean internal = false;
    boolean sql = false;
    if (peek() != '{') {
      throw UNSUPPORTED;
    }
    if (openObject()) {
      accumulableFields.begin();
      for (int field = accumulableFields.name();
          field != END;
          field = accumulableFields.following()) {
        switch (field) {
          case 0 -> id = longValue();
          case 1 -> {
            textValue();
            nameAt = valueStart;
            nameLength = valueLength;
            nameKind = valueKind;
          }
          case 2 -> {
            anyText();
            updateAt = valueStart;
            updateLength = valueLength;
            updateKind = valueKind;
          }
          case 3 -> {
            anyText();
            valueAt = valueStart;
            valueLengthOf = valueLength;
            valueKindOf = valueKind;
          }
          case 4 -> internal = bool();
          case 5 -> {
            textValue();
            sql = valueKind == STRING && equals(valueStart, valueLength, SQL);
          }
          default -> skipValue();
        }
      }
    }
    keep(task, id, internal, sql);
  }

  /** What the model keeps of an accumulable read into nameAt.., updateAt.., valueAt... */
  private void keep(TaskEvent task, long id, boolean internal, boolean sql) {
    if (updateKind != NULL) {
      long numeric = numeric(updateAt, updateLength);
      if (numeric != Long.MIN_VALUE) {
        task.addSqlUpdate(id, numeric);
      }
    }
    boolean internalName =
        nameKind != NULL
            && nameLength >= INTERNAL_PREFIX.length
            && equals(nameAt, INTERNAL_PREFIX.length, INTERNAL_PREFIX);
    if (!internal && !sql && !internalName) {
      task.accumulables.add(
          new Accumulable(
              id,
              string(nameAt, nameLength, nameKind),
              string(updateAt, updateLength, updateKind),
              string(valueAt, valueLengthOf, valueKindOf)));
    }
  }

  /** {@link TaskEventParser#numeric} on the value's bytes, which are ASCII. */
  private long numeric(int from, int length) {
    if (length == 0 || length > 19) {
      return Long.MIN_VALUE;
    }
    int i = b[from] == '-' ? 1 : 0;
    if (i == length) {
      return Long.MIN_VALUE;
    }
    if (length > 18) {
      // Might overflow: let Long.parseLong decide, as the other path does.
      return TaskEventParser.numeric(new String(b, from, length, StandardCharsets.ISO_8859_1));
    }
    long value = 0;
    for (int j = from + i; j < from + length; j++) {
      int digit = b[j] - '0';
      if (digit < 0 || digit > 9) {
        return Long.MIN_VALUE;
      }
      value = value * 10 + digit;
    }
    return i == 1 ? -value : value;
  }

  private void reason(TaskEvent task) {
    // Only {"Reason":"Success"}: any other reason is irregular, and kept as a tree by Jackson.
    boolean success = false;
    if (peek() != '{' || !openObject()) {
      throw UNSUPPORTED;
    }
    do {
      if (fieldName(REASON) != 0) {
        throw UNSUPPORTED;
      }
      textValue();
      success = valueKind == STRING && equals(valueStart, valueLength, SUCCESS);
    } while (nextField());
    if (!success) {
      throw UNSUPPORTED;
    }
    task.reasonKind = "Success";
  }

  private long[] taskMetrics() {
    if (isNull()) {
      return null;
    }
    if (peek() != '{') {
      throw UNSUPPORTED;
    }
    long[] values = TaskMetric.zeros();
    metricsObject(NO_GROUP, values);
    return values;
  }

  private void metricsObject(int group, long[] values) {
    if (!openObject()) {
      return;
    }
    FieldOrder fields = metricFields[group];
    fields.begin();
    // The metric of this group a name is, if any; else a group object's name, or unknown.
    for (int key = fields.name(); key != END; key = fields.following()) {
      TaskMetric[] metrics = METRICS[group];
      int nested = key - metrics.length;
      byte c = peek();
      if (c == '{') {
        if (nested >= 0 && nested < GROUP_OBJECT_NAMES.size()) {
          if (++depth > MAX_DEPTH) {
            throw UNSUPPORTED;
          }
          metricsObject(GROUP_OF_OBJECT[nested], values);
          depth--;
        } else {
          skipValue();
        }
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (key >= 0 && key < metrics.length) {
          values[metrics[key].ordinal()] = longValue();
        } else {
          skipValue();
        }
      } else {
        skipValue();
      }
    }
  }

  private long[] executorMetrics() {
    if (isNull()) {
      return null;
    }
    if (peek() != '{') {
      throw UNSUPPORTED;
    }
    long[] values = new long[ExecutorMetricNames.NAMES.size()];
    if (!openObject()) {
      return values;
    }
    executorMetricFields.begin();
    for (int index = executorMetricFields.name();
        index != END;
        index = executorMetricFields.following()) {
      byte c = peek();
      if (index >= 0 && (c == '-' || (c >= '0' && c <= '9'))) {
        values[index] = longValue();
      } else {
        skipValue();
      }
    }
    return values;
  }

  // --- tokens --------------------------------------------------------------------------------

  /**
   * At a {@code {}: consumes it and any whitespace; true if a field follows (the reader is then
   * at its name), false if the object was empty (consumed whole).
   */
  private boolean openObject() {
    expect('{');
    ws();
    if (peek() == '}') {
      pos++;
      return false;
    }
    return true;
  }

  /** After a field's value: true if another field follows (the reader is at its name). */
  private boolean nextField() {
    ws();
    byte c = next();
    if (c == '}') {
      return false;
    }
    if (c != ',') {
      throw UNSUPPORTED;
    }
    ws();
    return true;
  }

  /** Reads a field name and its colon; the reader is then at the value. */
  private int fieldName(ByteKeyTable table) {
    int start = readName();
    return table.indexOf(b, start, valueLength);
  }

  /** Reads a plain field name and its colon; returns its start, its length in valueLength. */
  private int readName() {
    expect('"');
    int start = pos;
    int close = special(start);
    if (close >= end || b[close] != '"') {
      // A control or non-ASCII byte, or an escape: Jackson's job.
      throw UNSUPPORTED;
    }
    pos = close + 1;
    valueLength = close - start;
    if (valueLength > MAX_NAME_BYTES) {
      throw UNSUPPORTED;
    }
    ws();
    expect(':');
    ws();
    return start;
  }

  private boolean isNull() {
    if (peek() == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  /**
   * The order in which this parser last saw the field names of one kind of object, to guess each
   * next name: Spark writes an object's fields in the same order on every line, so a guess,
   * checked byte for byte with its quotes and the colon after it, takes the place of scanning the
   * name for escapes and looking it up. A wrong guess costs that one comparison, and the name is
   * then read as it would be without guessing; either way the same key is found.
   */
  private final class FieldOrder {
    private final ByteKeyTable table;

    /** Per key, and last for the object's start: the key that followed it last time, or -1. */
    private final int[] next;

    private int previous;

    FieldOrder(ByteKeyTable table) {
      this.table = table;
      this.next = new int[table.size() + 1];
      java.util.Arrays.fill(next, -1);
    }

    /** At the object's first field. */
    void begin() {
      previous = table.size();
    }

    /**
     * Reads a field name and its colon, as {@link #readName()} does; returns its index in the
     * table, or -1 for a name not in it.
     */
    int name() {
      int guess = next[previous];
      if (guess >= 0) {
        int length = table.fieldNameAt(guess, b, pos, end);
        if (length > 0) {
          pos += length;
          ws();
          previous = guess;
          return guess;
        }
      }
      return read();
    }

    /**
     * After a field's value: the next field's key as {@link #name()} returns it, or {@link #END}
     * if the object ends (consumed). The guess is checked with the comma before it, {@code
     * ,"Key":}, in one comparison.
     */
    int following() {
      int guess = next[previous];
      if (guess >= 0) {
        int length = table.followingFieldNameAt(guess, b, pos, end);
        if (length > 0) {
          pos += length;
          ws();
          previous = guess;
          return guess;
        }
      }
      return nextField() ? read() : END;
    }

    private int read() {
      int start = readName();
      int key = table.indexOf(b, start, valueLength);
      if (key >= 0) {
        next[previous] = key;
        previous = key;
      }
      return key;
    }
  }

  /** A text field's last value, returned again while the bytes are the same. */
  private final class LastText {
    private byte[] bytes = new byte[0];
    private String text;

    /** A string or null, as {@code text()} reads it; anything else is left to Jackson. */
    String text() {
      textValue();
      if (valueKind == NULL) {
        return null;
      }
      if (text == null || !TaskLineParser.this.equals(valueStart, valueLength, bytes)) {
        bytes = java.util.Arrays.copyOfRange(b, valueStart, valueStart + valueLength);
        text = new String(bytes, StandardCharsets.ISO_8859_1);
      }
      return text;
    }
  }

  private void textValue() {
    byte c = peek();
    if (c == '"') {
      plainString();
    } else if (c == 'n') {
      literal("null");
      valueKind = NULL;
    } else {
      throw UNSUPPORTED;
    }
  }

  /** A string, null, boolean or integer, each as its text, as {@code anyText()} reads it. */
  private void anyText() {
    byte c = peek();
    if (c == '"') {
      plainString();
    } else if (c == 'n') {
      literal("null");
      valueKind = NULL;
    } else if (c == 't' || c == 'f') {
      int start = pos;
      literal(c == 't' ? "true" : "false");
      valueStart = start;
      valueLength = pos - start;
      valueKind = LITERAL;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      int start = pos;
      integer(MAX_NUMBER_CHARS);
      valueStart = start;
      valueLength = pos - start;
      valueKind = LITERAL;
    } else {
      throw UNSUPPORTED;
    }
  }

  private String string(int start, int length, int kind) {
    return kind == NULL ? null : new String(b, start, length, StandardCharsets.ISO_8859_1);
  }

  /** A string without escapes, of ASCII only: its content in valueStart and valueLength. */
  private void plainString() {
    expect('"');
    int start = pos;
    int close = special(start);
    if (close >= end || b[close] != '"') {
      throw UNSUPPORTED;
    }
    pos = close + 1;
    valueStart = start;
    valueLength = close - start;
    valueKind = STRING;
    if (valueLength > MAX_STRING_BYTES) {
      throw UNSUPPORTED;
    }
  }

  private boolean bool() {
    byte c = peek();
    if (c == 't') {
      literal("true");
      return true;
    }
    if (c == 'f') {
      literal("false");
      return false;
    }
    throw UNSUPPORTED;
  }

  /** An int of at most 9 digits; longer ones are left to Jackson's range checks. */
  private int intValue() {
    return (int) integer(9);
  }

  /** A long of at most 18 digits; longer ones are left to Jackson's range checks. */
  private long longValue() {
    return integer(18);
  }

  /**
   * An integer as JSON spells one ({@code -?(0|[1-9][0-9]*)}, no fraction or exponent), of at most
   * {@code maxDigits} digits; its value, exact when it has at most 18 digits.
   */
  private long integer(int maxDigits) {
    boolean negative = peek() == '-';
    if (negative) {
      pos++;
    }
    int first = pos;
    byte c = next();
    if (c < '0' || c > '9') {
      throw UNSUPPORTED;
    }
    long value = c - '0';
    while (pos < end) {
      c = b[pos];
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      pos++;
    }
    int digits = pos - first;
    if (digits > maxDigits || (digits > 1 && b[first] == '0')) {
      throw UNSUPPORTED;
    }
    if (pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E')) {
      throw UNSUPPORTED;
    }
    return negative ? -value : value;
  }

  /** Skips any JSON value, checking it as strictly as Jackson does, or leaving it to Jackson. */
  private void skipValue() {
    byte c = peek();
    switch (c) {
      case '{' -> {
        if (++depth > MAX_DEPTH) {
          throw UNSUPPORTED;
        }
        if (openObject()) {
          do {
            skipString();
            ws();
            expect(':');
            ws();
            skipValue();
          } while (nextField());
        }
        depth--;
      }
      case '[' -> {
        if (++depth > MAX_DEPTH) {
          throw UNSUPPORTED;
        }
        pos++;
        ws();
        if (peek() == ']') {
          pos++;
        } else {
          while (true) {
            skipValue();
            ws();
            byte d = next();
            if (d == ']') {
              break;
            }
            if (d != ',') {
              throw UNSUPPORTED;
            }
            ws();
          }
        }
        depth--;
      }
      case '"' -> skipString();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> skipNumber();
    }
  }

  /** A string with any valid escapes, of ASCII only. */
  private void skipString() {
    expect('"');
    int start = pos;
    while (true) {
      pos = special(pos);
      byte c = next();
      if (c == '"') {
        break;
      }
      if (c < 0x20) {
        throw UNSUPPORTED;
      }
      if (c == '\\') {
        byte e = next();
        switch (e) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {}
          case 'u' -> {
            for (int i = 0; i < 4; i++) {
              byte h = next();
              if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                throw UNSUPPORTED;
              }
            }
          }
          default -> throw UNSUPPORTED;
        }
      }
    }
    if (pos - start > MAX_STRING_BYTES) {
      throw UNSUPPORTED;
    }
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
  private void skipNumber() {
    int start = pos;
    integer(MAX_NUMBER_CHARS);
    if (pos < end && b[pos] == '.') {
      pos++;
      digits();
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      digits();
    }
    if (pos - start > MAX_NUMBER_CHARS) {
      throw UNSUPPORTED;
    }
  }

  /** The digits of a fraction or exponent, which integer() refused; at least one. */
  private void digits() {
    int start = pos;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    if (pos == start) {
      throw UNSUPPORTED;
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (next() != word.charAt(i)) {
        throw UNSUPPORTED;
      }
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The first index from {@code from} on, before {@link #end}, of a byte that ends or interrupts
   * a plain string: a quote, a backslash, a control byte or a non-ASCII byte; {@link #end} if
   * none. Eight bytes at a time: string contents are most of a line's bytes.
   */
  private int special(int from) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(b, i);
      long quote = x ^ 0x2222222222222222L;
      long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
      // Per byte, the high bit is set for a zero byte of quote or backslash (an exact answer for
      // the lowest such byte, which is all that is used), for a byte below 0x20, or above 0x7F.
      long found =
          ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((x - 0x2020202020202020L) & ~x) | x;
      found &= HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '"' || c == '\\' || c < 0x20) {
        return i;
      }
    }
    return end;
  }

  private boolean equals(int from, int length, byte[] expected) {
    return length == expected.length && ByteKeyTable.same(expected, b, from);
  }

  private void expect(char c) {
    if (next() != c) {
      throw UNSUPPORTED;
    }
  }

  private byte next() {
    if (pos >= end) {
      throw UNSUPPORTED;
    }
    return b[pos++];
  }

  private byte peek() {
    if (pos >= end) {
      throw UNSUPPORTED;
    }
    return b[pos];
  }

  private void ws() {
    while (pos < end) {
      byte c = b[pos];
      // Spark writes no whitespace: one comparison settles nearly every call. A newline is not
      // whitespace here but the end of the line (see parseLine).
      if (c > ' ' || (c != ' ' && c != '\t' && c != '\r')) {
        return;
      }
      pos++;
    }
  }
}
