package io.pipelens.collector.normalize;

import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The Elasticsearch {@code _id} of a normalized record, the same every time the same record
 * arrives, so a redelivery (Kafka after a rebalance or a crash, OTLP after a client retry) is a
 * version conflict on {@code create} instead of a duplicate.
 *
 * <ul>
 *   <li>Records the agent read from a file carry their position: the id hashes the pod UID (or,
 *       without one, the node name), {@code log.file.path} and {@code log.offset}.
 *   <li>Anything else (SDK records) hashes the whole record, timestamps included, in its OTLP
 *       protobuf form, which is deterministic.
 * </ul>
 *
 * <p>The id is the first 16 bytes of a SHA-256, URL-safe base64 without padding: 22 characters.
 */
public final class DocumentIds {

  private static final OtlpLogsCodec CODEC = new OtlpLogsCodec();
  private static final int ID_BYTES = 16;
  private static final byte[] FILE = "file\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECORD = "record\0".getBytes(StandardCharsets.US_ASCII);
  // digest() resets it, so one per thread serves every id
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(DocumentIds::newDigest);

  private DocumentIds() {}

  /** The id of {@code record}. */
  public static String of(LogRecord record) {
    byte[] source = utf8(RecordFields.value(record, AttributeNames.K8S_POD_UID));
    if (source == null) {
      source = utf8(RecordFields.value(record, AttributeNames.K8S_NODE_NAME));
    }
    byte[] path = utf8(RecordFields.value(record, AttributeNames.LOG_FILE_PATH));
    Long offset = record.attributes().getLong(AttributeNames.LOG_OFFSET);
    MessageDigest digest = DIGEST.get();
    digest.reset(); // in case an exception left something in it
    if (source != null && path != null && offset != null) {
      // "file\0<source>\0<path>\0<offset>" in UTF-8, fed to the digest from the values' own bytes.
      // NUL cannot occur in a UID or a path, so the parts cannot run into each other.
      digest.update(FILE);
      digest.update(source);
      digest.update((byte) 0);
      digest.update(path);
      digest.update((byte) 0);
      digest.update(Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
      return encode(digest.digest());
    }
    digest.update(RECORD);
    digest.update(CODEC.encode(List.of(record)));
    return encode(digest.digest());
  }

  /**
   * {@link RecordFields#string} in UTF-8, null when that is null: a string value's own bytes, which
   * are what {@code getBytes} gives of its text.
   */
  private static byte[] utf8(AnyValue value) {
    if (value instanceof AnyValue.StringValue string) {
      return string.utf8();
    }
    String text = value == null ? null : AnyValues.text(value);
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(byte[] sha256) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, ID_BYTES));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
