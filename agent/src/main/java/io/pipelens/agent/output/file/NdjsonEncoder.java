package io.pipelens.agent.output.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes records as NDJSON: one JSON object per record and line, UTF-8, in this shape:
 *
 * <pre>{@code
 * {"time_unix_nano":1700000000000000000,"observed_time_unix_nano":1700000000100000000,
 *  "severity_number":9,"severity_text":"INFO","body":"the message",
 *  "attributes":{"log.file.path":"/var/log/app.log","log.offset":1234,"pipelens.stream":"engine"},
 *  "resource":{"k8s.pod.name":"driver-0"}}
 * }</pre>
 *
 * (on one line). The seven fields above are always there; {@code scope_name}, {@code trace_id},
 * {@code span_id} (hex) and {@code flags} follow when set. {@code body} is always a string: a
 * string body as it is, any other value rendered as JSON text, an empty body as {@code ""}.
 * Attribute values keep their JSON type: integers and doubles are numbers (a non-finite double is
 * the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}), bytes are base64 strings,
 * arrays and key-value lists nest. Times are integers of nanoseconds; JavaScript readers lose
 * their last digits, as they do with every 64-bit integer.
 *
 * <p>Control characters, quotes and backslashes are escaped; other characters are written as
 * UTF-8. A lone UTF-16 surrogate, which has no UTF-8 form, becomes U+FFFD.
 *
 * <p>The compact form is written by hand ({@link JsonBytes}) into a byte buffer kept from batch to
 * batch, byte for byte what Jackson's generator writes (a test compares the two); printable ASCII
 * runs, most of a log line, are copied without per-character work. The indented form, for people
 * reading standard output, still goes through Jackson. {@link #encodeLines} is synchronized.
 */
final class NdjsonEncoder {

  // Emoji and other characters beyond the BMP as 4-byte UTF-8, not as escaped surrogate pairs.
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  // The byte buffer a batch is written into is kept between batches up to this size.
  private static final int INITIAL_BUFFER = 64 * 1024;
  private static final int KEEP_BUFFER = 4 * 1024 * 1024;

  private final boolean pretty;
  // Buffers given back, at most KEEP_BUFFERS of at most KEEP_BUFFER bytes.
  private static final int KEEP_BUFFERS = 2;
  private final BlockingQueue<byte[]> freeBuffers = new ArrayBlockingQueue<>(KEEP_BUFFERS);
  private final JsonBytes out = new JsonBytes(0);
  private final JsonBytes scratch = new JsonBytes(256); // a non-string body's JSON text

  /** Encodes one line per record, or indented multi-line objects when {@code pretty}. */
  NdjsonEncoder(boolean pretty) {
    this.pretty = pretty;
  }

  /** The lines of {@code records}, each ending in {@code \n}, in an array of their own. */
  byte[] encode(List<LogRecord> records) {
    Lines lines = encodeLines(records);
    byte[] copy = Arrays.copyOf(lines.buffer(), lines.length());
    release(lines);
    return copy;
  }

  /**
   * Encoded lines: {@code buffer[0..length)}. The buffer is the encoder's: it is not written again
   * until {@link #release} gives it back, which the caller does once the lines are written.
   */
  record Lines(byte[] buffer, int length) {}

  /**
   * The lines of {@code records}, each ending in {@code \n}, in a buffer taken from those given
   * back, so that a batch's lines are neither copied nor allocated anew (a batch of 4,096 records
   * is a few MB of JSON, and G1 puts arrays that large straight into the old generation).
   */
  synchronized Lines encodeLines(List<LogRecord> records) {
    if (pretty) {
      byte[] lines = encodeWithJackson(records, true);
      return new Lines(lines, lines.length);
    }
    JsonBytes json = out;
    byte[] free = freeBuffers.poll();
    json.buf = free != null ? free : new byte[INITIAL_BUFFER];
    json.pos = 0;
    for (LogRecord record : records) {
      writeRecord(json, record);
      json.ensure(1);
      json.buf[json.pos++] = '\n';
    }
    Lines lines = new Lines(json.buf, json.pos);
    json.buf = null; // handed out; the next batch takes a buffer of its own
    return lines;
  }

  /** Gives back the buffer of {@code lines}, whose bytes are no longer needed; any thread. */
  void release(Lines lines) {
    byte[] buffer = lines.buffer();
    if (!pretty && buffer.length <= KEEP_BUFFER) {
      freeBuffers.offer(buffer); // dropped when enough are kept
    }
  }

  private static final byte[] TIME = ascii("{\"time_unix_nano\":");
  private static final byte[] OBSERVED_TIME = ascii(",\"observed_time_unix_nano\":");
  private static final byte[] SEVERITY_NUMBER = ascii(",\"severity_number\":");
  private static final byte[] SEVERITY_TEXT = ascii(",\"severity_text\":");
  private static final byte[] BODY = ascii(",\"body\":");
  private static final byte[] ATTRIBUTES = ascii(",\"attributes\":");
  private static final byte[] RESOURCE = ascii(",\"resource\":");
  private static final byte[] SCOPE_NAME = ascii(",\"scope_name\":");
  private static final byte[] TRACE_ID = ascii(",\"trace_id\":");
  private static final byte[] SPAN_ID = ascii(",\"span_id\":");
  private static final byte[] FLAGS = ascii(",\"flags\":");
  private static final byte[] EMPTY_STRING = ascii("\"\"");

  // The fixed head of a record: the three names and numbers above the severity text.
  private static final int HEAD_BYTES = TIME.length + OBSERVED_TIME.length
      + SEVERITY_NUMBER.length + 3 * 20 + 8;

  private void writeRecord(JsonBytes json, LogRecord record) {
    json.ensure(HEAD_BYTES);
    json.rawUnchecked(TIME);
    json.numberUnchecked(record.timestampNanos());
    json.rawUnchecked(OBSERVED_TIME);
    json.numberUnchecked(record.observedTimestampNanos());
    json.rawUnchecked(SEVERITY_NUMBER);
    json.numberUnchecked(record.severity().number());
    json.raw(SEVERITY_TEXT);
    json.string(record.severityText());
    json.raw(BODY);
    AnyValue body = record.body();
    switch (body.type()) {
      case EMPTY -> json.raw(EMPTY_STRING);
      case STRING -> json.string((AnyValue.StringValue) body);
      default -> {
        JsonBytes text = scratch;
        text.pos = 0;
        text.value(body);
        json.escapedUtf8(text.buf, text.pos);
        if (text.buf.length > KEEP_BUFFER) {
          text.buf = new byte[256];
        }
      }
    }
    json.raw(ATTRIBUTES);
    json.object(record.attributes());
    json.raw(RESOURCE);
    json.resource(record.resource().attributes());
    if (!record.scopeName().isEmpty()) {
      json.raw(SCOPE_NAME);
      json.string(record.scopeName());
    }
    if (record.traceId().isValid()) {
      json.raw(TRACE_ID);
      json.string(record.traceId().toHex());
    }
    if (record.spanId().isValid()) {
      json.raw(SPAN_ID);
      json.string(record.spanId().toHex());
    }
    if (record.flags() != 0) {
      json.raw(FLAGS);
      json.number(Integer.toUnsignedLong(record.flags()));
    }
    json.ensure(1);
    json.buf[json.pos++] = '}';
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Compact JSON written as UTF-8 into a growing byte array, as Jackson's generator writes it with
   * {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}: the same escapes (a backslash before a quote, a
   * backslash, b, t, n, f, r; other control characters as a backslash, u and four upper-case hex
   * digits), the same number forms; a lone surrogate becomes U+FFFD. Not thread-safe.
   */
  static final class JsonBytes {

    // 0: written as it is; otherwise the character after the backslash ('u': four hex digits follow).
    private static final byte[] ESCAPES = new byte[128];
    private static final byte[] HEX = ascii("0123456789ABCDEF");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));

    static {
      for (int c = 0; c < 0x20; c++) {
        ESCAPES[c] = 'u';
      }
      ESCAPES['\b'] = 'b';
      ESCAPES['\t'] = 't';
      ESCAPES['\n'] = 'n';
      ESCAPES['\f'] = 'f';
      ESCAPES['\r'] = 'r';
      ESCAPES['"'] = '"';
      ESCAPES['\\'] = '\\';
    }

    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] DIGIT_PAIRS = new byte[200];
    private static final int KEY_CACHE = 64;
    private static final int PAIR_CACHE = 256;
    private static final int RESOURCE_CACHE = 64;
    // Larger values and resources are written anew each time: the caches stay small.
    private static final int MAX_CACHED_VALUE = 512;
    private static final int MAX_CACHED_RESOURCE = 16 * 1024;

    static {
      for (int i = 0; i < 100; i++) {
        DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
        DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
      }
    }

    byte[] buf;
    int pos;
    private final String[] cachedKeys = new String[KEY_CACHE];
    private final byte[][] cachedKeyBytes = new byte[KEY_CACHE][];
    // Encodings kept by instance: a file's log.file.path and pipelens.stream values and its
    // resource are the same instances on every record of that file, so a record mostly writes
    // only its body, offset and times. A slot is taken by (key, value) and its bytes kept once
    // the same instance comes back, so that values new on every record never cost a copy.
    private final String[] pairKeys = new String[PAIR_CACHE];
    private final AnyValue.StringValue[] pairValues = new AnyValue.StringValue[PAIR_CACHE];
    private final byte[][] pairBytes = new byte[PAIR_CACHE][];
    private final Attributes[] resources = new Attributes[RESOURCE_CACHE];
    private final byte[][] resourceBytes = new byte[RESOURCE_CACHE][];

    JsonBytes(int capacity) {
      this.buf = new byte[capacity];
    }

    void ensure(int more) {
      if (pos + more > buf.length) {
        long grown = Math.max((long) buf.length * 2, (long) pos + more);
        if (grown > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("a batch of records does not fit into 2 GiB of JSON");
        }
        buf = Arrays.copyOf(buf, (int) grown);
      }
    }

    void raw(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      pos += bytes.length;
    }

    void number(long value) {
      ensure(20);
      numberUnchecked(value);
    }

    void rawUnchecked(byte[] bytes) {
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      pos += bytes.length;
    }

    /** {@code value} in decimal; call {@link #ensure} for 20 bytes first. */
    void numberUnchecked(long value) {
      if (value >= 0 && value < BILLION) {
        intUnchecked((int) value);
        return;
      }
      if (value < 0) {
        longUnchecked(value);
        return;
      }
      // A time in nanoseconds, mostly: its seconds are those of the record before, so they are
      // copied as last written and only the nine digits below are worked out, in int arithmetic
      // (a long division costs several times an int one).
      long high = value / BILLION;
      int low = (int) (value - high * BILLION);
      if (high != lastHigh) {
        int start = pos;
        longUnchecked(high);
        lastHighLength = pos - start;
        System.arraycopy(buf, start, lastHighDigits, 0, lastHighLength);
        lastHigh = high;
      } else {
        System.arraycopy(lastHighDigits, 0, buf, pos, lastHighLength);
        pos += lastHighLength;
      }
      nineDigits(low);
    }

    private static final long BILLION = 1_000_000_000L;
    // The digits above the lowest nine of the last large number written (at most 11 of them).
    private long lastHigh = -1;
    private final byte[] lastHighDigits = new byte[11];
    private int lastHighLength;

    // 0 <= value < 10^9, without leading zeros.
    private void intUnchecked(int value) {
      int end = pos + digits(value);
      endingAt(buf, end, value);
      pos = end;
    }

    // The digits of 0 <= value, its last just before b[end]: two digits a division, from a table.
    private static void endingAt(byte[] b, int end, int value) {
      int at = end;
      while (value >= 100) {
        int next = value / 100;
        int pair = (value - next * 100) << 1;
        b[--at] = DIGIT_PAIRS[pair + 1];
        b[--at] = DIGIT_PAIRS[pair];
        value = next;
      }
      if (value >= 10) {
        int pair = value << 1;
        b[--at] = DIGIT_PAIRS[pair + 1];
        b[--at] = DIGIT_PAIRS[pair];
      } else {
        b[--at] = (byte) ('0' + value);
      }
    }

    // 0 <= value < 10^9 as exactly nine digits, leading zeros included.
    private void nineDigits(int value) {
      byte[] b = buf;
      int at = pos + 9;
      for (int i = 0; i < 4; i++) {
        int next = value / 100;
        int pair = (value - next * 100) << 1;
        b[--at] = DIGIT_PAIRS[pair + 1];
        b[--at] = DIGIT_PAIRS[pair];
        value = next;
      }
      b[--at] = (byte) ('0' + value);
      pos += 9;
    }

    private void longUnchecked(long value) {
      if (value == Long.MIN_VALUE) {
        rawUnchecked(MIN_LONG);
        return;
      }
      byte[] b = buf;
      int p = pos;
      if (value < 0) {
        b[p++] = '-';
        value = -value;
      }
      int end = p + digits(value);
      int at = end;
      // Long divisions only while the rest does not fit an int.
      while (value > Integer.MAX_VALUE) {
        long next = value / 100;
        int pair = (int) (value - next * 100) << 1;
        b[--at] = DIGIT_PAIRS[pair + 1];
        b[--at] = DIGIT_PAIRS[pair];
        value = next;
      }
      endingAt(b, at, (int) value);
      pos = end;
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
      long power = 1;
      for (int i = 0; i < POWERS_OF_TEN.length; i++) {
        POWERS_OF_TEN[i] = power;
        power *= 10;
      }
    }

    // The decimal digits of a non-negative value: log10 from its bit length (1233/4096 ~ log10 2),
    // corrected by one comparison.
    static int digits(long value) {
      int estimate = ((64 - Long.numberOfLeadingZeros(value | 1)) * 1233) >>> 12;
      return estimate < 19 && value >= POWERS_OF_TEN[estimate] ? estimate + 1 : Math.max(estimate, 1);
    }

    /** A string value: its UTF-8 bytes as they are when they spell it exactly, else its text. */
    void string(AnyValue.StringValue value) {
      if (value.isExactUtf8()) {
        byte[] utf8 = value.utf8();
        utf8String(utf8, utf8.length);
      } else {
        string(value.value());
      }
    }

    /**
     * Well-formed UTF-8 {@code text[0..length)} as a JSON string: runs of bytes that need no escape
     * (all but quotes, backslashes and control characters; UTF-8 sequences pass as they are) found
     * eight bytes at a time and copied in one go.
     */
    void utf8String(byte[] text, int length) {
      ensure(length + 2);
      buf[pos++] = '"';
      int i = 0;
      while (i < length) {
        int run = i;
        while (run + 8 <= length && !needsEscape((long) LONGS.get(text, run))) {
          run += 8;
        }
        while (run < length && (text[run] < 0 || ESCAPES[text[run]] == 0)) {
          run++;
        }
        int count = run - i;
        if (count > 0) {
          System.arraycopy(text, i, buf, pos, count);
          pos += count;
        }
        if (run < length) {
          escape(text[run], length - run - 1);
          run++;
        }
        i = run;
      }
      ensure(1);
      buf[pos++] = '"';
    }

    // Whether any of the eight bytes is a quote, a backslash or below 0x20 (SWAR: a byte of
    // (x - 0x01..) & ~x & 0x80.. is set for a zero byte of x; false alarms only above a real one).
    private static boolean needsEscape(long x) {
      long quote = x ^ 0x2222222222222222L;
      long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
      long control = (x - 0x2020202020202020L) & ~x;
      long zeroQuote = (quote - 0x0101010101010101L) & ~quote;
      long zeroBackslash = (backslash - 0x0101010101010101L) & ~backslash;
      return ((control | zeroQuote | zeroBackslash) & 0x8080808080808080L) != 0;
    }

    private void escape(byte c, int after) {
      // Room for this escape, every byte after it and the closing quote, as utf8String reserved.
      ensure(6 + after + 1);
      byte escape = ESCAPES[c];
      buf[pos++] = '\\';
      buf[pos++] = escape;
      if (escape == 'u') {
        buf[pos++] = '0';
        buf[pos++] = '0';
        buf[pos++] = HEX[c >> 4];
        buf[pos++] = HEX[c & 0xF];
      }
    }

    /** A key and its colon; the encoding of recently seen key instances is kept. */
    void key(String key) {
      int slot = key.hashCode() & (KEY_CACHE - 1);
      if (cachedKeys[slot] != key) {
        int start = pos;
        string(key);
        ensure(1);
        buf[pos++] = ':';
        cachedKeys[slot] = key;
        cachedKeyBytes[slot] = Arrays.copyOfRange(buf, start, pos);
        return;
      }
      raw(cachedKeyBytes[slot]);
    }

    /** A resource's attributes: the same instance for every record of a file, encoded once. */
    void resource(Attributes attributes) {
      int slot = System.identityHashCode(attributes) & (RESOURCE_CACHE - 1);
      if (resources[slot] == attributes) {
        raw(resourceBytes[slot]);
        return;
      }
      int start = pos;
      object(attributes);
      if (pos - start <= MAX_CACHED_RESOURCE) {
        resources[slot] = attributes;
        resourceBytes[slot] = Arrays.copyOfRange(buf, start, pos);
      }
    }

    /** A key and its string value; the pair's bytes kept once the same value instance repeats. */
    void stringPair(String key, AnyValue.StringValue value) {
      if (!value.isExactUtf8() || value.utf8().length > MAX_CACHED_VALUE) {
        key(key);
        string(value);
        return;
      }
      int slot = (System.identityHashCode(value) ^ key.hashCode()) & (PAIR_CACHE - 1);
      if (pairValues[slot] != value || pairKeys[slot] != key) {
        pairKeys[slot] = key;
        pairValues[slot] = value;
        pairBytes[slot] = null;
        key(key);
        string(value);
        return;
      }
      byte[] bytes = pairBytes[slot];
      if (bytes != null) {
        raw(bytes);
        return;
      }
      int start = pos;
      key(key);
      string(value);
      pairBytes[slot] = Arrays.copyOfRange(buf, start, pos);
    }

    /** {@code text} as a JSON string. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exact for chars below 0x80
    void string(String text) {
      int length = text.length();
      ensure(length + 2);
      buf[pos++] = '"';
      int i = 0;
      while (i < length) {
        // The common case: printable ASCII without a quote or backslash, one byte a character,
        // copied in one go once the scan has shown every char of the run to be below 0x80.
        int run = i;
        for (; run < length; run++) {
          if (!plain(text.charAt(run))) {
            break;
          }
        }
        if (run > i) {
          ensure(run - i);
          text.getBytes(i, run, buf, pos);
          pos += run - i;
        }
        i = run < length ? special(text, run, length) : length;
      }
      ensure(1);
      buf[pos++] = '"';
    }

    private static boolean plain(char c) {
      return (char) (c - 0x20) < 0x60 && c != '"' && c != '\\';
    }

    // Writes the chars from text[from] up to the next plain one; returns the index of that one.
    private int special(String text, int from, int length) {
      // Three bytes at most per character; a surrogate pair takes four for its two.
      ensure(3 * (length - from));
      byte[] b = buf;
      int p = pos;
      int i = from;
      while (i < length) {
        char c = text.charAt(i);
        if (c < 0x80) {
          byte escape = ESCAPES[c];
          if (escape == 0) {
            break; // plain again
          }
          i++;
          pos = p;
          ensure(6 + 3 * (length - i));
          b = buf;
          b[p++] = '\\';
          b[p++] = escape;
          if (escape == 'u') {
            b[p++] = '0';
            b[p++] = '0';
            b[p++] = HEX[c >> 4];
            b[p++] = HEX[c & 0xF];
          }
        } else if (c < 0x800) {
          i++;
          b[p++] = (byte) (0xC0 | (c >> 6));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
          i++;
          if (Character.isHighSurrogate(c) && i < length && Character.isLowSurrogate(text.charAt(i))) {
            int cp = Character.toCodePoint(c, text.charAt(i++));
            b[p++] = (byte) (0xF0 | (cp >> 18));
            b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[p++] = (byte) (0x80 | (cp & 0x3F));
          } else {
            // No UTF-8 form: U+FFFD
            b[p++] = (byte) 0xEF;
            b[p++] = (byte) 0xBF;
            b[p++] = (byte) 0xBD;
          }
        } else {
          i++;
          b[p++] = (byte) (0xE0 | (c >> 12));
          b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      pos = p;
      return i;
    }

    /** Well-formed UTF-8 {@code text[0..length)} as a JSON string. */
    void escapedUtf8(byte[] text, int length) {
      utf8String(text, length);
    }

    void object(Attributes attributes) {
      ensure(1);
      buf[pos++] = '{';
      for (int i = 0; i < attributes.size(); i++) {
        if (i > 0) {
          ensure(1);
          buf[pos++] = ',';
        }
        AnyValue value = attributes.valueAt(i);
        if (value.type() == AnyValue.Type.STRING) {
          stringPair(attributes.keyAt(i), (AnyValue.StringValue) value);
        } else {
          key(attributes.keyAt(i));
          value(value);
        }
      }
      ensure(1);
      buf[pos++] = '}';
    }

    void value(AnyValue value) {
      switch (value.type()) {
        case EMPTY -> raw(NULL);
        case STRING -> string((AnyValue.StringValue) value);
        case BOOL -> raw(((AnyValue.BoolValue) value).value() ? TRUE : FALSE);
        case LONG -> number(((AnyValue.LongValue) value).value());
        case DOUBLE -> {
          double number = ((AnyValue.DoubleValue) value).value();
          if (Double.isFinite(number)) {
            raw(ascii(Double.toString(number)));
          } else {
            string(Double.toString(number));
          }
        }
        case BYTES -> {
          byte[] base64 = Base64.getEncoder().encode(((AnyValue.BytesValue) value).value());
          ensure(base64.length + 2);
          buf[pos++] = '"';
          raw(base64);
          buf[pos++] = '"';
        }
        case ARRAY -> {
          ensure(1);
          buf[pos++] = '[';
          List<AnyValue> values = ((AnyValue.ArrayValue) value).values();
          for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
              ensure(1);
              buf[pos++] = ',';
            }
            value(values.get(i));
          }
          ensure(1);
          buf[pos++] = ']';
        }
        case KEY_VALUE_LIST -> object(((AnyValue.KeyValueListValue) value).values());
      }
    }
  }

  /**
   * The same lines by Jackson's generator: the indented form, and the reference the hand-written
   * compact writer is tested against.
   */
  static byte[] encodeWithJackson(List<LogRecord> records, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(null);
      if (pretty) {
        json.setPrettyPrinter(new DefaultPrettyPrinter());
      }
      for (LogRecord record : records) {
        writeRecord(json, record);
        json.flush();
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing JSON into memory failed", e);
    }
    return out.toByteArray();
  }

  private static void writeRecord(JsonGenerator json, LogRecord record) throws IOException {
    json.writeStartObject();
    json.writeNumberField("time_unix_nano", record.timestampNanos());
    json.writeNumberField("observed_time_unix_nano", record.observedTimestampNanos());
    json.writeNumberField("severity_number", record.severity().number());
    json.writeStringField("severity_text", safe(record.severityText()));
    json.writeStringField("body", bodyText(record.body()));
    json.writeFieldName("attributes");
    writeObject(json, record.attributes());
    json.writeFieldName("resource");
    writeObject(json, record.resource().attributes());
    if (!record.scopeName().isEmpty()) {
      json.writeStringField("scope_name", safe(record.scopeName()));
    }
    if (record.traceId().isValid()) {
      json.writeStringField("trace_id", record.traceId().toHex());
    }
    if (record.spanId().isValid()) {
      json.writeStringField("span_id", record.spanId().toHex());
    }
    if (record.flags() != 0) {
      json.writeNumberField("flags", Integer.toUnsignedLong(record.flags()));
    }
    json.writeEndObject();
  }

  private static String bodyText(AnyValue body) throws IOException {
    switch (body.type()) {
      case EMPTY:
        return "";
      case STRING:
        return safe(((AnyValue.StringValue) body).value());
      default:
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
          writeValue(json, body);
        }
        return text.toString();
    }
  }

  private static void writeObject(JsonGenerator json, Attributes attributes) throws IOException {
    json.writeStartObject();
    for (int i = 0; i < attributes.size(); i++) {
      json.writeFieldName(safe(attributes.keyAt(i)));
      writeValue(json, attributes.valueAt(i));
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, AnyValue value) throws IOException {
    switch (value.type()) {
      case EMPTY -> json.writeNull();
      case STRING -> json.writeString(safe(((AnyValue.StringValue) value).value()));
      case BOOL -> json.writeBoolean(((AnyValue.BoolValue) value).value());
      case LONG -> json.writeNumber(((AnyValue.LongValue) value).value());
      case DOUBLE -> {
        double number = ((AnyValue.DoubleValue) value).value();
        if (Double.isFinite(number)) {
          json.writeNumber(number);
        } else {
          json.writeString(Double.toString(number));
        }
      }
      case BYTES ->
          json.writeString(Base64.getEncoder().encodeToString(((AnyValue.BytesValue) value).value()));
      case ARRAY -> {
        json.writeStartArray();
        for (AnyValue element : ((AnyValue.ArrayValue) value).values()) {
          writeValue(json, element);
        }
        json.writeEndArray();
      }
      case KEY_VALUE_LIST -> writeObject(json, ((AnyValue.KeyValueListValue) value).values());
    }
  }

  /** {@code text} with every lone surrogate replaced by U+FFFD; the same instance when there is none. */
  static String safe(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return replaceLoneSurrogates(text);
      }
    }
    return text;
  }

  private static String replaceLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
