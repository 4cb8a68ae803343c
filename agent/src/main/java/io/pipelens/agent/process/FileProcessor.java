package io.pipelens.agent.process;

import io.pipelens.agent.process.enrich.ResourceEnricher;
import io.pipelens.agent.process.enrich.SparkEventLogNames;
import io.pipelens.agent.process.mask.Masker;
import io.pipelens.agent.process.multiline.LineGrouper;
import io.pipelens.agent.process.multiline.Truncation;
import io.pipelens.agent.process.parse.ParsedRecord;
import io.pipelens.agent.process.parse.Parsers;
import io.pipelens.agent.process.parse.RecordParser;
import io.pipelens.agent.process.parse.ParserType;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything processing keeps for one file: its line grouping, its parser, its resource. Turns
 * each finished group of lines into a {@link LogRecord} and emits it. Used by one thread at a time,
 * as the tailer reads a file on one thread.
 */
final class FileProcessor implements LineGrouper.Sink {

  private static final Logger LOG = LoggerFactory.getLogger(FileProcessor.class);

  /** What every file of the agent shares. */
  record Shared(RecordEmitter emitter, Masker masker, ResourceEnricher enricher, Clock clock) {}

  private final Shared shared;
  private final ProcessingMetrics metrics;
  private final LineGrouper grouper;
  private final RecordParser parser;
  private final ParsedRecord parsed = new ParsedRecord();
  private final ResourceEnricher.FileResource resource;
  private final AnyValue stream;
  private final AnyValue rayJobId;
  private SourceFile file;
  private AnyValue path;
  // preset spark_events: the app the file's name gives, as spark.app.id of every record; and
  // whether a cut event line was already logged for this file.
  private final boolean eventLog;
  private AnyValue eventLogAppId;
  private boolean warnedTruncatedEvent;
  // The attributes of a record without parsed fields, rebuilt in place record after record: the
  // values of keys it holds are replaced where they are, and keys are removed only when a record
  // goes without them, so that the builder's key array (shared by the attributes it builds) stays.
  // The optional keys come last, log.iostream before log.truncated, as for any other record.
  private final Attributes.Builder plainAttributes = Attributes.builder();
  private boolean plainHasIostream;
  private boolean plainHasTruncated;
  // Whether the plain builder's path, stream, Ray job and app id must be put (again): at the first
  // record and after a rename; otherwise only the offset changes from record to record.
  private boolean plainFixedKeysStale = true;

  FileProcessor(SourceFile file, ProcessingConfig config, ProcessingMetrics metrics, Shared shared) {
    this.shared = shared;
    this.metrics = metrics;
    this.grouper = new LineGrouper(config.multiline(), this);
    this.parser = config.parser().type() == ParserType.NONE ? null : Parsers.create(config.parser());
    this.resource = shared.enricher().forFile(file.path(), file.stream());
    this.stream = AnyValue.of(file.stream().wireName());
    this.rayJobId = resource.rayJobId() == null ? null : AnyValue.of(resource.rayJobId());
    this.file = file;
    this.path = AnyValue.of(file.path().toString());
    this.eventLog = config.preset() != null && config.preset().eventLog();
    this.eventLogAppId = eventLog ? appIdOf(file) : null;
  }

  private static AnyValue appIdOf(SourceFile file) {
    String appId = SparkEventLogNames.appId(file.path());
    return appId == null ? null : AnyValue.of(appId);
  }

  private static final AnyValue STDOUT = AnyValue.of("stdout");
  private static final AnyValue STDERR = AnyValue.of("stderr");
  // The container line being handed to the grouper, and the one that started the waiting record.
  private ContainerLine incoming;
  private ContainerLine waiting;
  // The observed time of records emitted since the tailer's last read() (UNREAD: not yet taken);
  // a feeder that never calls read() has every record stamped when it is emitted.
  private static final long UNREAD = Long.MIN_VALUE;
  private boolean stampedByRead;
  private long readObservedNanos = UNREAD;

  void line(SourceFile file, long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException {
    if (file.path() != this.file.path() && !file.path().equals(this.file.path())) {
      path = AnyValue.of(file.path().toString()); // renamed by rotation
      plainFixedKeysStale = true;
      if (eventLog) {
        eventLogAppId = appIdOf(file); // app.inprogress renamed to app at the end
        // Rebuilt in order from the next record on, without an app id the new name lacks.
        plainAttributes.remove(AttributeNames.SPARK_APP_ID);
        plainAttributes.remove(AttributeNames.LOG_IOSTREAM);
        plainAttributes.remove(AttributeNames.LOG_TRUNCATED);
        plainHasIostream = false;
        plainHasTruncated = false;
      }
    }
    this.file = file;
    grouper.line(offset, nextOffset, bytes, length, truncated);
  }

  /**
   * A container log message: like {@link #line}, and the runtime's timestamp and stream are kept
   * for the record the message starts (the first line's time stands for a multiline record).
   */
  void containerLine(SourceFile file, long offset, long nextOffset, byte[] bytes, int length, boolean truncated,
      long timeUnixNano, boolean stderr) throws InterruptedException {
    incoming = new ContainerLine(offset, timeUnixNano, stderr);
    try {
      line(file, offset, nextOffset, bytes, length, truncated);
      if (grouper.hasPending() && grouper.pendingStartOffset() == offset) {
        waiting = incoming;
      }
    } finally {
      incoming = null;
    }
  }

  void flush() throws InterruptedException {
    grouper.flush();
  }

  /**
   * The tailer has just read more of the file: records emitted from now on, up to its next read,
   * are stamped with one reading of the clock, taken when the first of them is built. A clock read
   * costs some 50 to 100 ns on a virtual machine, a good part of a short line's whole cost.
   */
  void read() {
    stampedByRead = true;
    readObservedNanos = UNREAD;
  }

  /** The container runtime's view of the line that started a record. */
  private record ContainerLine(long offset, long timeUnixNano, boolean stderr) {}

  private ContainerLine containerLineAt(long startOffset) {
    if (incoming != null && incoming.offset() == startOffset) {
      return incoming; // a record of one line, emitted while that line is handed over
    }
    return waiting != null && waiting.offset() == startOffset ? waiting : null;
  }

  @Override
  public void record(byte[] text, int length, long startOffset, long endOffset, Truncation truncation)
      throws InterruptedException {
    if (parser != null) {
      parsed.reset(); // without a parser it stays empty: nothing else writes to it
    }
    AnyValue body;
    long bodyBytes;
    if (parser == null && Utf8Text.isValid(text, length) && !shared.masker().mayMask(text, length)) {
      // The common case of a plain line: its bytes are the body, as read; no String is made.
      body = AnyValue.ofUtf8(text, 0, length);
      bodyBytes = length;
    } else {
      String masked = decodeParseMask(text, length);
      body = AnyValue.of(masked);
      bodyBytes = 2L * masked.length();
    }
    Masker masker = shared.masker();
    ContainerLine container = containerLineAt(startOffset);
    Attributes.Builder attributes;
    if (parsed.attributeCount() == 0) {
      attributes = plainAttributes;
      keepPlainOptionalKeys(container != null, truncation != null);
      if (plainFixedKeysStale) {
        putFileKeys(attributes, startOffset);
        plainFixedKeysStale = false;
      } else {
        attributes.put(AttributeNames.LOG_OFFSET, startOffset);
      }
    } else {
      attributes = Attributes.builder();
      for (int i = 0; i < parsed.attributeCount(); i++) {
        attributes.put(parsed.keyAt(i), masker.mask(parsed.valueAt(i)));
      }
      putFileKeys(attributes, startOffset);
    }
    if (container != null) {
      attributes.put(AttributeNames.LOG_IOSTREAM, container.stderr() ? STDERR : STDOUT);
    }
    if (truncation != null) {
      attributes.put(AttributeNames.LOG_TRUNCATED, true);
      metrics.truncated(truncation);
      if (eventLog && !warnedTruncatedEvent) {
        warnedTruncatedEvent = true;
        LOG.warn("{}: the event-log line at offset {} is longer than the input's limit and was cut"
            + " (log.truncated=true); the history server will skip it. Raise file.max_line_size"
            + " and multiline.max_record_size (further cut lines of this file are only counted)",
            file.path(), startOffset);
      }
    }
    Attributes built = attributes.build();
    LogRecord record = LogRecord.builder()
        .timestampNanos(parsed.timestampNanos() != 0 || container == null
            ? parsed.timestampNanos() : container.timeUnixNano())
        .observedTimestampNanos(observedNanos())
        .severity(parsed.severity())
        .severityText(parsed.severityText())
        .body(body)
        .attributes(built)
        .resource(resource.resource())
        .build();
    shared.emitter().emit(file, record, endOffset, estimateBytes(bodyBytes, built));
  }

  // What every record of the file carries, in this order, before the optional keys.
  private void putFileKeys(Attributes.Builder attributes, long startOffset) {
    attributes.put(AttributeNames.LOG_FILE_PATH, path);
    attributes.put(AttributeNames.LOG_OFFSET, startOffset);
    attributes.put(AttributeNames.PIPELENS_STREAM, stream);
    if (rayJobId != null) {
      attributes.put(AttributeNames.RAY_JOB_ID, rayJobId);
    }
    if (eventLogAppId != null) {
      attributes.put(AttributeNames.SPARK_APP_ID, eventLogAppId);
    }
  }

  // Removes from the plain builder the optional keys this record goes without, and log.truncated
  // also when log.iostream must come back before it; the record's puts add the rest at the end.
  private void keepPlainOptionalKeys(boolean iostream, boolean truncated) {
    if (plainHasIostream != iostream || (plainHasTruncated && !truncated)) {
      if (plainHasTruncated) {
        plainAttributes.remove(AttributeNames.LOG_TRUNCATED);
      }
      if (plainHasIostream && !iostream) {
        plainAttributes.remove(AttributeNames.LOG_IOSTREAM);
      }
    }
    plainHasIostream = iostream;
    plainHasTruncated = truncated;
  }

  /** The text of a record that is not a plain valid line: decoded, parsed, masked; counted. */
  private String decodeParseMask(byte[] text, int length) {
    String raw = Utf8Text.decode(text, length);
    if (Utf8Text.replacedMalformed(raw, text, length)) {
      metrics.invalidUtf8.increment();
    }
    String body = raw;
    if (parser != null) {
      if (parse(raw)) {
        body = parsed.body();
        if (parsed.incomplete()) {
          metrics.parseFailures.increment();
        }
      } else {
        metrics.parseFailures.increment();
        parsed.reset();
      }
    }
    return shared.masker().mask(body);
  }

  private long observedNanos() {
    if (!stampedByRead) {
      return clockNanos();
    }
    if (readObservedNanos == UNREAD) {
      readObservedNanos = clockNanos();
    }
    return readObservedNanos;
  }

  private long clockNanos() {
    Instant now = shared.clock().instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private boolean parse(String raw) {
    try {
      return parser.parse(raw, parsed);
    } catch (RuntimeException e) {
      // A parser bug must cost one record its fields, never the tailer thread.
      return false;
    }
  }

  // A body's bytes (two a char for a String, as Latin-1 or UTF-16 with its UTF-8 copy for the
  // encoders) and a fixed cost per object.
  private static long estimateBytes(long bodyBytes, Attributes attributes) {
    return 160L + bodyBytes + 64L * attributes.size();
  }
}
