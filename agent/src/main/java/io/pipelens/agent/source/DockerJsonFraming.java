package io.pipelens.agent.source;

/**
 * Docker's json-file log driver: one JSON object per line, {@code
 * {"log":"text\n","stream":"stdout","time":"2024-05-01T10:15:02.113456789Z"}}. The {@code log}
 * string is unescaped into the message (UTF-8). Docker splits lines longer than 16 KiB into
 * entries whose {@code log} does not end with {@code \n}; those are joined with the entries that
 * follow, up to the one that ends with {@code \n}, which is then dropped (with a {@code \r} before
 * it, as for raw lines). The joined message is capped at {@code max_line_size}.
 *
 * <p>Parsed by hand on bytes: a JSON library would allocate a String per line. A line that is
 * not such an object is delivered as it is rather than dropped.
 */
final class DockerJsonFraming implements LineFraming {

  private static final int NOT_JSON = -1;

  private final MessageSink out;
  private final MessageBuffer message;

  DockerJsonFraming(MessageSink out, int maxLine, BufferAllocator allocator) {
    this.out = out;
    this.message = new MessageBuffer(maxLine, allocator);
  }

  @Override
  public void line(long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException {
    boolean wasPending = message.pending();
    int lengthBefore = message.length;
    boolean truncatedBefore = message.truncated;
    int lastBefore = message.lastByte;
    long time = MessageSink.NO_TIME;
    boolean stderr = false;
    boolean sawLog = false;

    int i = skipSpace(bytes, 0, length);
    if (i >= length || bytes[i] != '{') {
      malformed(offset, nextOffset, bytes, length, truncated);
      return;
    }
    i = skipSpace(bytes, i + 1, length);
    while (i < length && bytes[i] != '}') {
      if (bytes[i] != '"') {
        i = NOT_JSON;
        break;
      }
      int keyStart = i + 1;
      int keyEnd = endOfString(bytes, keyStart, length);
      if (keyEnd < 0) {
        i = NOT_JSON;
        break;
      }
      i = skipSpace(bytes, keyEnd + 1, length);
      if (i >= length || bytes[i] != ':') {
        i = NOT_JSON;
        break;
      }
      i = skipSpace(bytes, i + 1, length);
      if (i >= length) {
        i = NOT_JSON;
        break;
      }
      if (CriFraming.isWord(bytes, keyStart, keyEnd, "log") && bytes[i] == '"') {
        sawLog = true;
        int end = decodeString(bytes, i + 1, length);
        if (end < 0) {
          // A line cut by max_line_size inside the message keeps what was decoded.
          i = truncated ? length : NOT_JSON;
          break;
        }
        i = end + 1;
      } else if (CriFraming.isWord(bytes, keyStart, keyEnd, "stream") && bytes[i] == '"') {
        int end = endOfString(bytes, i + 1, length);
        if (end < 0) {
          i = NOT_JSON;
          break;
        }
        stderr = CriFraming.isWord(bytes, i + 1, end, "stderr");
        i = end + 1;
      } else if (CriFraming.isWord(bytes, keyStart, keyEnd, "time") && bytes[i] == '"') {
        int end = endOfString(bytes, i + 1, length);
        if (end < 0) {
          i = NOT_JSON;
          break;
        }
        long parsed = Rfc3339.parseNanos(bytes, i + 1, end);
        time = parsed == Rfc3339.INVALID ? MessageSink.NO_TIME : parsed;
        i = end + 1;
      } else {
        i = skipValue(bytes, i, length);
        if (i < 0) {
          break;
        }
      }
      i = skipSpace(bytes, i, length);
      if (i < length && bytes[i] == ',') {
        i = skipSpace(bytes, i + 1, length);
      } else if (i >= length || bytes[i] != '}') {
        i = NOT_JSON;
        break;
      }
    }
    if (i >= length && !truncated) {
      i = NOT_JSON; // the object never closed
    }
    if (!sawLog || i == NOT_JSON) {
      message.length = lengthBefore;
      message.truncated = truncatedBefore;
      message.lastByte = lastBefore;
      malformed(offset, nextOffset, bytes, length, truncated);
      return;
    }
    if (!wasPending) {
      message.start = offset;
      message.time = time;
      message.stderr = stderr;
    }
    message.end = nextOffset;
    boolean endsLine = message.lastByte == '\n';
    if (!endsLine && !truncated) {
      return; // a partial entry: wait for the rest
    }
    if (endsLine && message.length > 0 && !message.truncated) {
      message.length--;
      if (message.length > 0 && message.bytes[message.length - 1] == '\r') {
        message.length--;
      }
    }
    out.message(message.start, nextOffset, message.bytes == null ? bytes : message.bytes,
        message.length, message.truncated || truncated, message.time, message.stderr);
    message.clear();
  }

  private void malformed(long offset, long nextOffset, byte[] bytes, int length, boolean truncated)
      throws InterruptedException {
    finish();
    out.message(offset, nextOffset, bytes, length, truncated, MessageSink.NO_TIME, false);
  }

  @Override
  public void finish() throws InterruptedException {
    message.flushTo(out);
  }

  @Override
  public void reset() {
    message.clear();
  }

  @Override
  public long pendingStart() {
    return message.start;
  }

  /** Whether {@code bytes[0, length)} looks like a json-file entry; for format detection. */
  static boolean looksLikeDockerJson(byte[] bytes, int length) {
    int i = skipSpace(bytes, 0, length);
    if (i >= length || bytes[i] != '{') {
      return false;
    }
    for (int j = i; j + 6 <= length; j++) {
      if (bytes[j] == '"' && CriFraming.isWord(bytes, j, j + 6, "\"log\":")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Unescapes the JSON string starting at {@code from} (after its opening quote) into the message.
   *
   * @return the index of the closing quote, or -1 when the line ends first
   */
  private int decodeString(byte[] bytes, int from, int length) {
    message.reserve(length - from);
    int i = from;
    while (i < length) {
      byte b = bytes[i];
      if (b == '"') {
        return i;
      }
      if (b != '\\') {
        message.put(b);
        i++;
        continue;
      }
      if (i + 1 >= length) {
        return -1;
      }
      byte escaped = bytes[i + 1];
      i += 2;
      switch (escaped) {
        case 'n' -> message.put((byte) '\n');
        case 't' -> message.put((byte) '\t');
        case 'r' -> message.put((byte) '\r');
        case 'b' -> message.put((byte) '\b');
        case 'f' -> message.put((byte) '\f');
        case 'u' -> {
          int unit = hex4(bytes, i, length);
          if (unit < 0) {
            return -1;
          }
          i += 4;
          int codePoint = unit;
          if (Character.isHighSurrogate((char) unit)) {
            int low = i + 6 <= length && bytes[i] == '\\' && bytes[i + 1] == 'u'
                ? hex4(bytes, i + 2, length) : -1;
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
              codePoint = Character.toCodePoint((char) unit, (char) low);
              i += 6;
            } else {
              codePoint = 0xFFFD;
            }
          } else if (Character.isLowSurrogate((char) unit)) {
            codePoint = 0xFFFD;
          }
          putUtf8(codePoint);
        }
        default -> message.put(escaped); // \" \\ \/ and anything unknown, kept literally
      }
    }
    return -1;
  }

  private void putUtf8(int codePoint) {
    if (codePoint < 0x80) {
      message.put((byte) codePoint);
    } else if (codePoint < 0x800) {
      message.put((byte) (0xC0 | codePoint >> 6));
      message.put((byte) (0x80 | codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
      message.put((byte) (0xE0 | codePoint >> 12));
      message.put((byte) (0x80 | codePoint >> 6 & 0x3F));
      message.put((byte) (0x80 | codePoint & 0x3F));
    } else {
      message.put((byte) (0xF0 | codePoint >> 18));
      message.put((byte) (0x80 | codePoint >> 12 & 0x3F));
      message.put((byte) (0x80 | codePoint >> 6 & 0x3F));
      message.put((byte) (0x80 | codePoint & 0x3F));
    }
  }

  private static int hex4(byte[] bytes, int from, int length) {
    if (from + 4 > length) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }

  private static int skipSpace(byte[] bytes, int from, int length) {
    int i = from;
    while (i < length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r')) {
      i++;
    }
    return i;
  }

  /** The index of the quote closing the string that starts at {@code from}, or -1. */
  private static int endOfString(byte[] bytes, int from, int length) {
    for (int i = from; i < length; i++) {
      if (bytes[i] == '\\') {
        i++;
      } else if (bytes[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  /** The index after the JSON value starting at {@code from}, or -1 when it is malformed. */
  private static int skipValue(byte[] bytes, int from, int length) {
    if (bytes[from] == '"') {
      int end = endOfString(bytes, from + 1, length);
      return end < 0 ? -1 : end + 1;
    }
    int depth = 0;
    int i = from;
    while (i < length) {
      byte b = bytes[i];
      if (b == '"') {
        int end = endOfString(bytes, i + 1, length);
        if (end < 0) {
          return -1;
        }
        i = end + 1;
        continue;
      }
      if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (b == ',' && depth == 0) {
        return i;
      }
      i++;
    }
    return depth == 0 ? i : -1;
  }
}
