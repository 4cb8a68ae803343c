package io.pipelens.agent.process.mask;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces secrets in text with {@code ****}, by the built-in rules and the user's. Thread-safe.
 *
 * <p>Most log lines hold no secret, so before any regex runs one pass over the text looks for the
 * rules' literals ({@code LTAI}, {@code ://}, {@code secret}, ...); only rules whose literal occurs
 * run their regex. A line with none of them costs one scan and allocates nothing.
 */
public final class Masker {

  /** Meter name of the per-rule counter, {@code pipelens_agent_masked_total{rule}}. */
  public static final String MASKED = "pipelens.agent.masked";

  private static final int MAX_FILTERED_RULES = 64;
  // Two bytes in one load, the first in the low half: the byte tables below are indexed that way.
  private static final VarHandle PAIR =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);


  private final CompiledRule[] rules;
  private final long alwaysRun; // rules with no literal to look for
  private final Needle[][] needlesByFirstChar = new Needle[128][];
  // Which ASCII chars start a needle, and a bit per pair of ASCII chars that starts one, in every
  // ASCII case of a case-insensitive needle: needles are compared only where both tests pass.
  private final byte[] firstChars = new byte[128];
  private final long[] bigrams = new long[128 * 128 / 64];
  // For bytes (scan(byte[], int)): bits per pair of bytes, both bytes with bit 0x20 set (which
  // folds ASCII upper case to lower case, and maps some other bytes onto others: false alarms
  // only), so that a position costs one bit test and no branch on its bytes. A pair (a, b) is bit
  // (b << 8) | a, as a little-endian 16-bit load of the two bytes reads it. Over each needle's
  // first four bytes (a three-byte needle's fourth is any byte): the pairs at offsets 0, 1 and 2
  // together, the pairs at offset 2, and the pairs at offset 0.
  private final long[] foldedWindowPairs = new long[256 * 256 / 64];
  private final long[] foldedThirdPairs = new long[256 * 256 / 64];
  private final long[] foldedBigrams = new long[256 * 256 / 64];

  private record Needle(char[] text, boolean caseInsensitive, int rule) {}

  /** The rules {@code config} enables, counting into {@code registry}. */
  public Masker(MaskingConfig config, MeterRegistry registry) {
    List<CompiledRule.Spec> specs = new ArrayList<>();
    if (config.builtin()) {
      specs.addAll(BuiltinRules.specs());
    }
    for (MaskingRule rule : config.rules()) {
      specs.add(new CompiledRule.Spec(rule.name(), rule.pattern(), rule.replacement(),
          CompiledRule.leadingLiteral(rule.pattern()), false));
    }
    this.rules = new CompiledRule[specs.size()];
    long always = 0;
    List<List<Needle>> byFirst = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      byFirst.add(new ArrayList<>());
    }
    for (int i = 0; i < specs.size(); i++) {
      CompiledRule.Spec spec = specs.get(i);
      Counter counter = Counter.builder(MASKED)
          .description("Secrets replaced by a masking rule")
          .tag("rule", spec.name())
          .register(registry);
      rules[i] = new CompiledRule(spec, counter);
      if (spec.needles().isEmpty() || i >= MAX_FILTERED_RULES || !ascii(spec.needles())
          || shortest(spec.needles()) < 3) {
        always |= i < MAX_FILTERED_RULES ? 1L << i : 0;
        continue;
      }
      for (String needle : spec.needles()) {
        Needle n = new Needle(needle.toCharArray(), spec.caseInsensitive(), i);
        char first = needle.charAt(0);
        byFirst.get(first).add(n);
        if (spec.caseInsensitive() && Character.isLetter(first)) {
          byFirst.get(Character.toUpperCase(first)).add(n);
        }
        addFoldedPairs(needle);
        for (char a : cases(needle.charAt(0), spec.caseInsensitive())) {
          firstChars[a] = 1;
          for (char b : cases(needle.charAt(1), spec.caseInsensitive())) {
            int h = (a << 7) | b;
            bigrams[h >>> 6] |= 1L << h;
          }
        }
      }
    }
    for (int c = 0; c < 128; c++) {
      if (!byFirst.get(c).isEmpty()) {
        needlesByFirstChar[c] = byFirst.get(c).toArray(new Needle[0]);
      }
    }
    this.alwaysRun = always;
  }

  // A needle's pairs at offsets 0 to 2 of its first four bytes, folded; a missing fourth byte
  // (a three-byte needle) stands for every byte, so that the pairs at offset 2 are all that
  // start with its third byte.
  private void addFoldedPairs(String needle) {
    for (int offset = 0; offset < 3; offset++) {
      int a = needle.charAt(offset) | 0x20;
      for (int b = 0x20; b < 256; b = (b + 1) | 0x20) {
        if (offset + 1 < needle.length() && b != (needle.charAt(offset + 1) | 0x20)) {
          continue;
        }
        int pair = (b << 8) | a;
        foldedWindowPairs[pair >>> 6] |= 1L << pair;
        if (offset == 0) {
          foldedBigrams[pair >>> 6] |= 1L << pair;
        } else if (offset == 2) {
          foldedThirdPairs[pair >>> 6] |= 1L << pair;
        }
      }
    }
  }

  /** {@code text} with its secrets masked; {@code text} itself when it holds none. */
  public String mask(String text) {
    if (rules.length == 0) {
      return text;
    }
    long candidates = alwaysRun | scan(text);
    if (candidates == 0 && rules.length <= MAX_FILTERED_RULES) {
      return text;
    }
    String result = text;
    for (int i = 0; i < rules.length; i++) {
      if (i >= MAX_FILTERED_RULES || (candidates & (1L << i)) != 0) {
        result = rules[i].apply(result);
      }
    }
    return result;
  }

  /**
   * Whether a rule may match {@code utf8[0..length)}, well-formed UTF-8: false means {@link
   * #mask(String)} would return the decoded text unchanged, so a record can stay bytes. The same
   * look for the rules' literals as on text, on bytes: every literal is ASCII, and UTF-8 spells an
   * ASCII char as that one byte and never uses such a byte inside another char.
   */
  public boolean mayMask(byte[] utf8, int length) {
    if (rules.length == 0) {
      return false; // masking switched off: no scan for literals no rule has
    }
    return alwaysRun != 0 || rules.length > MAX_FILTERED_RULES || scan(utf8, length) != 0;
  }

  /** {@code value} with the secrets in its strings masked, nested values included. */
  public AnyValue mask(AnyValue value) {
    switch (value.type()) {
      case STRING: {
        AnyValue.StringValue string = (AnyValue.StringValue) value;
        if (string.isBytesOnly() && string.isExactUtf8()
            && !mayMask(string.utf8(), string.utf8().length)) {
          return value; // not decoded only to find nothing
        }
        String text = string.value();
        String masked = mask(text);
        return masked == text ? value : AnyValue.of(masked);
      }
      case KEY_VALUE_LIST: {
        Attributes entries = ((AnyValue.KeyValueListValue) value).values();
        Attributes masked = mask(entries);
        return masked == entries ? value : AnyValue.of(masked);
      }
      case ARRAY: {
        List<AnyValue> items = ((AnyValue.ArrayValue) value).values();
        List<AnyValue> masked = null;
        for (int i = 0; i < items.size(); i++) {
          AnyValue item = mask(items.get(i));
          if (item != items.get(i) && masked == null) {
            masked = new ArrayList<>(items);
          }
          if (masked != null) {
            masked.set(i, item);
          }
        }
        return masked == null ? value : AnyValue.of(masked);
      }
      default:
        return value;
    }
  }

  /** {@code attributes} with the secrets in their values masked; the same instance if none. */
  public Attributes mask(Attributes attributes) {
    Attributes.Builder changed = null;
    for (int i = 0; i < attributes.size(); i++) {
      AnyValue value = attributes.valueAt(i);
      AnyValue masked = mask(value);
      if (masked != value) {
        if (changed == null) {
          changed = attributes.toBuilder();
        }
        changed.put(attributes.keyAt(i), masked);
      }
    }
    return changed == null ? attributes : changed.build();
  }

  // A bit per rule whose literal occurs in the text: one pass, however many rules. A position costs
  // a table look-up, and a bit test for its pair of chars where a needle may start with the first.
  private long scan(String text) {
    long found = 0;
    int last = text.length() - 2;
    byte[] first = firstChars;
    long[] pairs = bigrams;
    for (int i = 0; i < last; i++) {
      int a = text.charAt(i);
      if (a < 128 && first[a] != 0) {
        int h = (a << 7) | text.charAt(i + 1);
        if (h < (128 << 7) && (pairs[h >>> 6] & (1L << h)) != 0) {
          found |= needlesAt(text, i, a, found);
        }
      }
    }
    return found;
  }

  // Wu-Manber with blocks of two bytes over a window of four: for a window starting at p, the pair
  // at p+2 is looked at; a needle starting at p, p+1 or p+2 has it at its offset 2, 1 or 0. A
  // pair that is at none of these offsets of any needle (most pairs of most lines) moves the window
  // on by three bytes after one bit test; every needle is three bytes or more, and a three-byte
  // needle counts every pair after its third byte as its fourth. A needle can start at p only if
  // the pair at p+2 is at its offset 2 and the pair at p at its offset 0; only then are needles
  // compared. The last three-byte window, past the loop, is compared as it is.
  private long scan(byte[] text, int length) {
    long found = 0;
    long[] window = foldedWindowPairs;
    long[] third = foldedThirdPairs;
    long[] first = foldedBigrams;
    int p = 0;
    int last = length - 4;
    while (p <= last) {
      int h = ((short) PAIR.get(text, p + 2) | 0x2020) & 0xFFFF;
      if ((window[h >>> 6] & (1L << h)) == 0) {
        p += 3;
        continue;
      }
      if ((third[h >>> 6] & (1L << h)) != 0) {
        int start = ((short) PAIR.get(text, p) | 0x2020) & 0xFFFF;
        if ((first[start >>> 6] & (1L << start)) != 0) {
          found |= needlesAt(text, length, p, text[p], found);
        }
      }
      p++;
    }
    for (; p <= length - 3; p++) {
      int start = ((short) PAIR.get(text, p) | 0x2020) & 0xFFFF;
      if ((first[start >>> 6] & (1L << start)) != 0) {
        found |= needlesAt(text, length, p, text[p], found);
      }
    }
    return found;
  }

  private long needlesAt(byte[] text, int length, int at, int first, long found) {
    Needle[] needles = first < 0 ? null : needlesByFirstChar[first];
    if (needles == null) {
      return 0;
    }
    long more = 0;
    for (Needle needle : needles) {
      if (((found | more) & (1L << needle.rule)) == 0 && occursAt(text, length, at, needle)) {
        more |= 1L << needle.rule;
      }
    }
    return more;
  }

  private static boolean occursAt(byte[] text, int length, int at, Needle needle) {
    char[] chars = needle.text;
    if (at + chars.length > length) {
      return false;
    }
    for (int j = 1; j < chars.length; j++) {
      int c = text[at + j];
      if (needle.caseInsensitive && c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != chars[j]) {
        return false;
      }
    }
    return true;
  }

  private long needlesAt(String text, int at, int first, long found) {
    Needle[] needles = needlesByFirstChar[first];
    if (needles == null) {
      return 0;
    }
    long more = 0;
    for (Needle needle : needles) {
      if (((found | more) & (1L << needle.rule)) == 0 && occursAt(text, at, needle)) {
        more |= 1L << needle.rule;
      }
    }
    return more;
  }

  private static char[] cases(char c, boolean caseInsensitive) {
    if (!caseInsensitive || c < 'a' || c > 'z') {
      return new char[] {c};
    }
    return new char[] {c, (char) (c - ('a' - 'A'))};
  }

  private static int shortest(List<String> needles) {
    int shortest = Integer.MAX_VALUE;
    for (String needle : needles) {
      shortest = Math.min(shortest, needle.length());
    }
    return shortest;
  }

  private static boolean occursAt(String text, int at, Needle needle) {
    char[] chars = needle.text;
    if (at + chars.length > text.length()) {
      return false;
    }
    for (int j = 1; j < chars.length; j++) {
      char c = text.charAt(at + j);
      if (needle.caseInsensitive && c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != chars[j]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(List<String> needles) {
    for (String needle : needles) {
      for (int i = 0; i < needle.length(); i++) {
        if (needle.charAt(i) >= 128) {
          return false;
        }
      }
    }
    return true;
  }
}
