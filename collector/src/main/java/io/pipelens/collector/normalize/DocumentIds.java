package io.pipelens.collector.normalize;

import io.pipelens.core.codec.OtlpLogsCodec;
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

  private DocumentIds() {}

  /** The id of {@code record}. */
  public static String of(LogRecord record) {
    String source = RecordFields.string(record, AttributeNames.K8S_POD_UID);
    if (source == null) {
      source = RecordFields.string(record, AttributeNames.K8S_NODE_NAME);
    }
    String path = RecordFields.string(record, AttributeNames.LOG_FILE_PATH);
    Long offset = record.attributes().getLong(AttributeNames.LOG_OFFSET);
    if (source != null && path != null && offset != null) {
      // NUL cannot occur in a UID or a path, so the parts cannot run into each other.
      String position = "file\0" + source + "\0" + path + "\0" + offset;
      return encode(digest().digest(position.getBytes(StandardCharsets.UTF_8)));
    }
    MessageDigest digest = digest();
    digest.update("record\0".getBytes(StandardCharsets.UTF_8));
    digest.update(CODEC.encode(List.of(record)));
    return encode(digest.digest());
  }

  private static String encode(byte[] sha256) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, ID_BYTES));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
