package io.pipelens.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a YAML document into a tree, substituting environment variables into scalar values on the
 * way.
 *
 * <p>Doing the substitution here, on parsed scalars, is what keeps an environment variable from
 * changing the document's structure: a value containing {@code ": "} or a newline is just text. It
 * also knows each value's exact key path, for error messages. This pass also rejects what the
 * binding pass cannot see in a tree: duplicate keys, aliases and extra documents.
 */
final class YamlTreeReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern MARK = Pattern.compile(" in '[^']*', line (\\d+), column (\\d+):");

  private final YAMLFactory yaml = new YAMLFactory();
  private final Interpolator interpolator;

  YamlTreeReader(Interpolator interpolator) {
    this.interpolator = interpolator;
  }

  /** A parsed document, and the written text of its numbers and booleans. */
  record Document(ObjectNode root, ScalarTexts scalarTexts) {}

  /**
   * Parses {@code text}; an empty document gives an empty mapping.
   *
   * @throws ConfigProblem for invalid YAML, a top level that is not a mapping, a duplicate key, an
   *     alias, a second document, an unset variable or a malformed expression
   */
  Document read(String text) throws ConfigProblem {
    try (YAMLParser parser = yaml.createParser(text)) {
      return new Reading(text, parser).document();
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading YAML from a string", e);
    }
  }

  /** The state of reading one document. */
  private final class Reading {
    private final String text;
    private final YAMLParser parser;
    // The parser reports offsets in code points; most files need no conversion to chars.
    private final boolean hasSurrogates;
    private final ScalarTexts scalarTexts = new ScalarTexts();

    Reading(String text, YAMLParser parser) {
      this.text = text;
      this.parser = parser;
      this.hasSurrogates = text.codePointCount(0, text.length()) != text.length();
    }

    Document document() throws IOException, ConfigProblem {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return new Document(NODES.objectNode(), scalarTexts);
      }
      JsonNode root = value(KeyPath.ROOT);
      if (!root.isObject()) {
        throw new ConfigProblem(KeyPath.ROOT,
            "the top level must be a mapping of keys to values, got " + Values.describe(root));
      }
      if (parser.nextToken() != null) {
        JsonLocation second = parser.currentTokenLocation();
        throw new ConfigProblem(KeyPath.ROOT, "invalid YAML at line " + second.getLineNr()
            + ", column " + second.getColumnNr() + ": a second document starts here, but a configuration"
            + " file holds exactly one");
      }
      return new Document((ObjectNode) root, scalarTexts);
    }

    private JsonNode value(KeyPath path) throws IOException, ConfigProblem {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case START_OBJECT -> mapping(path);
        case START_ARRAY -> sequence(path);
        case VALUE_STRING -> string(path);
        case VALUE_NUMBER_INT -> written(path, integer());
        case VALUE_NUMBER_FLOAT -> written(path, NODES.numberNode(parser.getDoubleValue()));
        case VALUE_TRUE, VALUE_FALSE -> written(path, NODES.booleanNode(parser.getBooleanValue()));
        case VALUE_NULL -> NODES.nullNode();
        default -> throw new ConfigProblem(path, "unsupported YAML value (" + token + ")");
      };
    }

    /** Remembers how a number or boolean was written, for keys that take it as a string. */
    private JsonNode written(KeyPath path, JsonNode value) throws IOException {
      scalarTexts.add(path, parser.getText());
      return value;
    }

    private JsonNode integer() throws IOException {
      return switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
    }

    private ObjectNode mapping(KeyPath path) throws IOException, ConfigProblem {
      ObjectNode node = NODES.objectNode();
      Map<String, Integer> firstLines = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        KeyPath child = path.key(key);
        int line = parser.currentTokenLocation().getLineNr();
        Integer firstLine = firstLines.putIfAbsent(key, line);
        if (firstLine != null) {
          throw new ConfigProblem(child,
              "duplicate key at line " + line + " (first defined at line " + firstLine + ")");
        }
        parser.nextToken();
        node.set(key, value(child));
      }
      return node;
    }

    private ArrayNode sequence(KeyPath path) throws IOException, ConfigProblem {
      ArrayNode node = NODES.arrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        node.add(value(path.index(node.size())));
      }
      return node;
    }

    private JsonNode string(KeyPath path) throws IOException, ConfigProblem {
      String raw = parser.getText();
      if (parser.isCurrentAlias()) {
        // The parser hands aliases over as the anchor's name, which would bind as a string.
        throw new ConfigProblem(path, "YAML aliases (*" + raw + ") are not supported; repeat the value instead");
      }
      if (!Interpolator.hasExpressions(raw)) {
        return NODES.textNode(raw);
      }
      Interpolator.Expansion expansion;
      try {
        expansion = interpolator.expand(raw);
      } catch (Interpolator.InterpolationException e) {
        throw new ConfigProblem(path, e.getMessage());
      }
      if (expansion.wholeExpression() && isPlain()) {
        JsonNode typed = PlainScalars.type(expansion.text());
        if (!typed.isTextual() && !typed.isNull()) {
          scalarTexts.add(path, expansion.text());
        }
        return typed;
      }
      return NODES.textNode(expansion.text());
    }

    /**
     * Whether the current scalar was written unquoted. The parser does not say, but a plain scalar
     * that is one expression starts with "${" in the source, while a quoted, block or tagged one
     * starts with its quote, indicator or tag.
     */
    private boolean isPlain() {
      long codePoints = parser.currentTokenLocation().getCharOffset();
      if (codePoints < 0 || codePoints >= text.length()) {
        return false;
      }
      int index = hasSurrogates ? text.offsetByCodePoints(0, (int) codePoints) : (int) codePoints;
      return text.startsWith("${", index);
    }
  }

  private static ConfigProblem syntaxError(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    return new ConfigProblem("", "invalid YAML" + where(message, e.getLocation()) + ": " + problem(message), e);
  }

  /**
   * Where the problem is. The YAML parser's message marks the problem last (after any context);
   * the exception's own location is only where the parser had got to, often a line earlier.
   */
  private static String where(String message, JsonLocation fallback) {
    Matcher marks = MARK.matcher(message);
    String where = null;
    while (marks.find()) {
      where = " at line " + marks.group(1) + ", column " + marks.group(2);
    }
    if (where != null) {
      return where;
    }
    return fallback != null && fallback.getLineNr() > 0
        ? " at line " + fallback.getLineNr() + ", column " + fallback.getColumnNr()
        : "";
  }

  /**
   * The problem from a YAML parser message, which spans several lines: context, problem and note
   * unindented, each mark followed by an indented snippet of the document and a caret.
   */
  static String problem(String message) {
    if (message == null) {
      return "unreadable document";
    }
    String problem = message.lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .collect(Collectors.joining("; "));
    return problem.isEmpty() ? message.strip() : problem;
  }
}
