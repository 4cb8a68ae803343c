package io.pipelens.collector.normalize;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Elasticsearch document of a normalized record, in ECS field names where ECS has one; {@code
 * docs/collector-schema.md} is the table. Known attributes become their own fields, wherever the
 * source put them (record or resource); every other attribute is kept under {@code attributes}
 * or {@code resource.attributes}, which the index template maps as {@code flattened} so no client
 * can add fields to the mapping.
 */
public final class EcsDocument {

  /** Attribute key → document field, for the attributes that get fields of their own. */
  static final List<Map.Entry<String, String>> FIELDS = List.of(
      Map.entry(AttributeNames.K8S_NAMESPACE_NAME, "kubernetes.namespace"),
      Map.entry(AttributeNames.K8S_POD_NAME, "kubernetes.pod.name"),
      Map.entry(AttributeNames.K8S_POD_UID, "kubernetes.pod.uid"),
      Map.entry(AttributeNames.K8S_CONTAINER_NAME, "kubernetes.container.name"),
      Map.entry(AttributeNames.K8S_NODE_NAME, "kubernetes.node.name"),
      Map.entry(AttributeNames.SPARK_APP_ID, "spark.app_id"),
      Map.entry(AttributeNames.SPARK_EXECUTOR_ID, "spark.executor_id"),
      Map.entry(AttributeNames.RAY_JOB_ID, "ray.job_id"),
      Map.entry(AttributeNames.RAY_NODE_ID, "ray.node_id"),
      Map.entry(AttributeNames.PIPELENS_STREAM, "pipelens.stream"),
      Map.entry(AttributeNames.PIPELENS_COMPUTE_TYPE, "pipelens.compute_type"),
      Map.entry(AttributeNames.PIPELENS_TEAM, "pipelens.team"),
      Map.entry(AttributeNames.PIPELENS_PRIORITY, "pipelens.priority"),
      Map.entry(AttributeNames.LOG_FILE_PATH, "log.file.path"));

  private static final Set<String> OWN_FIELD_KEYS = ownFieldKeys();

  private EcsDocument() {}

  /**
   * The document as nested maps, ready for JSON.
   *
   * @param receivedNanos when the collector received the record; {@code @timestamp} when the
   *     record has neither a timestamp nor an observed timestamp
   */
  public static Map<String, Object> of(LogRecord record, long receivedNanos) {
    return of(record, receivedNanos, DocumentIds.of(record));
  }

  /**
   * The document as nested maps, with {@code id} ({@link DocumentIds#of}, computed once by the
   * caller) as {@code event.id}: the tie-breaker that makes "newest first" a total order for
   * paging in every store.
   */
  public static Map<String, Object> of(LogRecord record, long receivedNanos, String id) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("@timestamp", isoTime(timestampNanos(record, receivedNanos)));
    String message = AnyValues.text(record.body());
    if (message != null) {
      doc.put("message", message);
    }
    String level = level(record);
    if (level != null) {
      put(doc, "log.level", level);
    }
    if (!record.scopeName().isEmpty()) {
      put(doc, "log.logger", record.scopeName());
    }
    for (Map.Entry<String, String> field : FIELDS) {
      String value = RecordFields.string(record, field.getKey());
      if (value != null) {
        put(doc, field.getValue(), value);
      }
    }
    AnyValue offset = RecordFields.value(record, AttributeNames.LOG_OFFSET);
    if (offset != null) {
      // A number as the agent writes it; anything else goes in as sent, and a mapping that says
      // long rejects it, which sends it to the dead letter queue with Elasticsearch's reason.
      put(doc, "log.offset", AnyValues.json(offset));
    }
    if (record.observedTimestampNanos() != 0) {
      put(doc, "event.created", isoTime(record.observedTimestampNanos()));
    }
    put(doc, "event.id", id);
    if (record.traceId().isValid()) {
      put(doc, "trace.id", record.traceId().toHex());
    }
    if (record.spanId().isValid()) {
      put(doc, "span.id", record.spanId().toHex());
    }
    Map<String, Object> attributes = others(record.attributes());
    if (!attributes.isEmpty()) {
      doc.put("attributes", attributes);
    }
    Map<String, Object> resource = others(record.resource().attributes());
    if (!resource.isEmpty()) {
      put(doc, "resource.attributes", resource);
    }
    return doc;
  }

  /** The document as UTF-8 JSON. */
  public static byte[] json(LogRecord record, long receivedNanos) {
    return Json.writeBytes(of(record, receivedNanos));
  }

  /**
   * The document as UTF-8 JSON, with {@code id} as {@code event.id}: what {@link #of} holds,
   * written straight to bytes (the hot path of the Elasticsearch sink), message and attribute
   * strings copied from their UTF-8 without being decoded.
   */
  public static byte[] json(LogRecord record, long receivedNanos, String id) {
    AnyValue[] fields = new AnyValue[SLOTS];
    boolean recordOthers = collect(record.attributes(), fields);
    boolean resourceOthers = collect(record.resource().attributes(), fields);
    JsonBytes json = WRITER.get();
    json.reset();
    json.beginObject();
    json.name(N_TIMESTAMP);
    json.isoTimeValue(timestampNanos(record, receivedNanos));
    if (record.body().type() != AnyValue.Type.EMPTY) {
      json.name(N_MESSAGE);
      text(json, record.body());
    }
    String level = level(record);
    AnyValue offset = fields[OFFSET_SLOT];
    if (level != null || !record.scopeName().isEmpty() || present(fields, LOG_FILE_PATH_SLOT) || offset != null) {
      json.name(N_LOG);
      json.beginObject();
      if (level != null) {
        json.name(N_LEVEL);
        json.value(level);
      }
      if (!record.scopeName().isEmpty()) {
        json.name(N_LOGGER);
        json.value(record.scopeName());
      }
      if (present(fields, LOG_FILE_PATH_SLOT)) {
        json.name(N_FILE);
        json.beginObject();
        json.name(N_PATH);
        text(json, fields[LOG_FILE_PATH_SLOT]);
        json.endObject();
      }
      if (offset != null) {
        json.name(N_OFFSET);
        if (offset.type() == AnyValue.Type.EMPTY) {
          json.nullValue();
        } else {
          json.value(offset);
        }
      }
      json.endObject();
    }
    for (Group group : GROUPS) {
      group.write(json, fields);
    }
    json.name(N_EVENT);
    json.beginObject();
    if (record.observedTimestampNanos() != 0) {
      json.name(N_CREATED);
      json.isoTimeValue(record.observedTimestampNanos());
    }
    json.name(N_ID);
    json.value(id);
    json.endObject();
    if (record.traceId().isValid()) {
      json.name(N_TRACE);
      json.beginObject();
      json.name(N_ID);
      json.value(record.traceId().toHex());
      json.endObject();
    }
    if (record.spanId().isValid()) {
      json.name(N_SPAN);
      json.beginObject();
      json.name(N_ID);
      json.value(record.spanId().toHex());
      json.endObject();
    }
    if (recordOthers) {
      json.name(N_ATTRIBUTES);
      others(json, record.attributes());
    }
    if (resourceOthers) {
      json.name(N_RESOURCE);
      json.beginObject();
      json.name(N_ATTRIBUTES);
      others(json, record.resource().attributes());
      json.endObject();
    }
    json.endObject();
    return json.toByteArray();
  }

  // Field names encoded once, with their quotes and colon.
  private static final byte[] N_TIMESTAMP = JsonBytes.encodedName("@timestamp");
  private static final byte[] N_ATTRIBUTES = JsonBytes.encodedName("attributes");
  private static final byte[] N_CREATED = JsonBytes.encodedName("created");
  private static final byte[] N_EVENT = JsonBytes.encodedName("event");
  private static final byte[] N_FILE = JsonBytes.encodedName("file");
  private static final byte[] N_ID = JsonBytes.encodedName("id");
  private static final byte[] N_LEVEL = JsonBytes.encodedName("level");
  private static final byte[] N_LOG = JsonBytes.encodedName("log");
  private static final byte[] N_LOGGER = JsonBytes.encodedName("logger");
  private static final byte[] N_MESSAGE = JsonBytes.encodedName("message");
  private static final byte[] N_OFFSET = JsonBytes.encodedName("offset");
  private static final byte[] N_PATH = JsonBytes.encodedName("path");
  private static final byte[] N_RESOURCE = JsonBytes.encodedName("resource");
  private static final byte[] N_SPAN = JsonBytes.encodedName("span");
  private static final byte[] N_TRACE = JsonBytes.encodedName("trace");

  private static final ThreadLocal<JsonBytes> WRITER = ThreadLocal.withInitial(JsonBytes::new);

  /** Attribute key → slot in the array {@link #collect} fills: the {@link #FIELDS}, then log.offset. */
  private static final Map<String, Integer> SLOT = slots();
  private static final int OFFSET_SLOT = FIELDS.size();
  private static final int SLOTS = FIELDS.size() + 1;
  private static final int LOG_FILE_PATH_SLOT = SLOT.get(AttributeNames.LOG_FILE_PATH);

  /** The objects of {@link #FIELDS} but {@code log}, in document order, each with its members. */
  private static final List<Group> GROUPS = groups();

  /**
   * Puts the values of known keys into their slots where no earlier attributes (the record's,
   * which win over the resource's) put one; whether any attribute is not a known key.
   */
  private static boolean collect(Attributes attributes, AnyValue[] fields) {
    boolean others = false;
    for (int i = 0; i < attributes.size(); i++) {
      Integer slot = SLOT.get(attributes.keyAt(i));
      if (slot == null) {
        others |= attributes.valueAt(i).type() != AnyValue.Type.EMPTY;
      } else if (fields[slot] == null) {
        fields[slot] = attributes.valueAt(i);
      }
    }
    return others;
  }

  private static void others(JsonBytes json, Attributes attributes) {
    json.beginObject();
    for (int i = 0; i < attributes.size(); i++) {
      AnyValue value = attributes.valueAt(i);
      if (!SLOT.containsKey(attributes.keyAt(i)) && value.type() != AnyValue.Type.EMPTY) {
        json.name(attributes.keyAt(i));
        json.value(value);
      }
    }
    json.endObject();
  }

  /** Whether the slot holds a value with a text ({@link AnyValues#text} not null). */
  private static boolean present(AnyValue[] fields, int slot) {
    return fields[slot] != null && fields[slot].type() != AnyValue.Type.EMPTY;
  }

  /** {@link AnyValues#text} of a value that is not empty, as a JSON string. */
  private static void text(JsonBytes json, AnyValue value) {
    if (value instanceof AnyValue.StringValue string) {
      json.utf8Value(string.utf8());
    } else {
      json.value(AnyValues.text(value));
    }
  }

  /** A top-level object such as {@code kubernetes}, its members paths below it with their slots. */
  private record Group(byte[] name, List<Member> members) {

    Group(String name, List<Map.Entry<String, Integer>> members) {
      this(JsonBytes.encodedName(name), members.stream().map(Member::of).toList());
    }

    void write(JsonBytes json, AnyValue[] fields) {
      boolean any = false;
      for (Member member : members) {
        any |= present(fields, member.slot());
      }
      if (!any) {
        return;
      }
      json.name(name);
      json.beginObject();
      String open = null; // the second-level object open now, such as pod in kubernetes.pod.name
      for (Member member : members) {
        if (!present(fields, member.slot())) {
          continue;
        }
        if (open != null && !open.equals(member.parent())) {
          json.endObject();
          open = null;
        }
        if (member.parent() != null && open == null) {
          json.name(member.parentName());
          json.beginObject();
          open = member.parent();
        }
        json.name(member.leafName());
        text(json, fields[member.slot()]);
      }
      if (open != null) {
        json.endObject();
      }
      json.endObject();
    }
  }

  /** A member path below a group, such as {@code pod.name}: its parent ({@code pod}, or null) and leaf. */
  private record Member(String parent, byte[] parentName, byte[] leafName, int slot) {

    static Member of(Map.Entry<String, Integer> member) {
      String path = member.getKey();
      int dot = path.indexOf('.');
      String parent = dot < 0 ? null : path.substring(0, dot);
      return new Member(parent, parent == null ? null : JsonBytes.encodedName(parent),
          JsonBytes.encodedName(dot < 0 ? path : path.substring(dot + 1)), member.getValue());
    }
  }

  private static Map<String, Integer> slots() {
    Map<String, Integer> slots = new java.util.HashMap<>();
    for (int i = 0; i < FIELDS.size(); i++) {
      slots.put(FIELDS.get(i).getKey(), i);
    }
    slots.put(AttributeNames.LOG_OFFSET, FIELDS.size());
    return Map.copyOf(slots);
  }

  private static List<Group> groups() {
    Map<String, List<Map.Entry<String, Integer>>> groups = new LinkedHashMap<>();
    for (int i = 0; i < FIELDS.size(); i++) {
      String path = FIELDS.get(i).getValue();
      String top = path.substring(0, path.indexOf('.'));
      if (!top.equals("log")) {
        groups.computeIfAbsent(top, k -> new java.util.ArrayList<>()).add(Map.entry(path.substring(top.length() + 1), i));
      }
    }
    List<Group> list = new java.util.ArrayList<>();
    groups.forEach((name, members) -> list.add(new Group(name, List.copyOf(members))));
    return List.copyOf(list);
  }

  /** {@code @timestamp} in epoch nanoseconds: what {@link #of} writes as ISO-8601. */
  public static long timestampNanos(LogRecord record, long receivedNanos) {
    return record.timestampNanos() != 0 ? record.timestampNanos()
        : record.observedTimestampNanos() != 0 ? record.observedTimestampNanos() : receivedNanos;
  }

  /**
   * {@code log.level}: the severity text in lower case, or when there is none the OpenTelemetry
   * range of the severity number ({@code trace}, {@code debug}, {@code info}, {@code warn}, {@code
   * error}, {@code fatal}); null when neither is known.
   */
  static String level(LogRecord record) {
    String text = record.severityText().strip();
    if (!text.isEmpty()) {
      return text.toLowerCase(Locale.ROOT);
    }
    return LEVELS[record.severity().number()];
  }

  /** {@link #level} of a record without severity text, by severity number; null for unspecified. */
  private static final String[] LEVELS = levels();

  private static String[] levels() {
    String[] levels = new String[Severity.values().length];
    for (Severity severity : Severity.values()) {
      if (severity != Severity.UNSPECIFIED) {
        // The first number of each range of four is the plain name: TRACE, DEBUG, INFO, ...
        int rangeStart = (severity.number() - 1) / 4 * 4 + 1;
        levels[severity.number()] = Severity.fromNumber(rangeStart).text().toLowerCase(Locale.ROOT);
      }
    }
    return levels;
  }

  private static Map<String, Object> others(Attributes attributes) {
    Map<String, Object> others = new LinkedHashMap<>();
    attributes.forEach((key, value) -> {
      if (!OWN_FIELD_KEYS.contains(key)) {
        Object json = AnyValues.json(value);
        if (json != null) {
          others.put(key, json);
        }
      }
    });
    return others;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> doc, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(parts[parts.length - 1], value);
  }

  private static String isoTime(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L)).toString();
  }

  private static Set<String> ownFieldKeys() {
    java.util.HashSet<String> keys = new java.util.HashSet<>();
    FIELDS.forEach(field -> keys.add(field.getKey()));
    keys.add(AttributeNames.LOG_OFFSET);
    return Set.copyOf(keys);
  }
}
