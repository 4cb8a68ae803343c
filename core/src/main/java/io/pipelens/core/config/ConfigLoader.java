package io.pipelens.core.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a YAML configuration file into a configuration record.
 *
 * <p><b>Types.</b> Configuration types are plain records. A component {@code dataDir} binds the key
 * {@code data_dir}; a nested record binds a nested mapping and a {@code List} of records a sequence.
 * A key the file leaves out binds null (boxed types), and the record's compact constructor applies
 * its default and validates with {@link Checks}. Besides strings, numbers and booleans, values can
 * be {@link java.time.Duration} ({@code 5s}), {@link DataSize} ({@code 10MiB}), {@link Secret},
 * {@link Path} and enums (written as the constant's name in lower case).
 *
 * <p><b>Strictness.</b> Unknown keys, duplicate keys, YAML aliases and values of the wrong type are
 * errors: {@code "123"}, {@code true} and {@code 1.5} are not integers, and a list is not a string.
 * The one conversion is towards text: a string key takes a number or boolean exactly as it was
 * written, so {@code acks: 1} is {@code "1"} and {@code version: 1.10} is {@code "1.10"}.
 *
 * <p><b>Environment variables.</b> Scalar values (never keys) may contain {@code ${NAME}} and
 * {@code ${NAME:-default}}; {@code $${} writes a literal {@code ${}. Substitution happens after
 * parsing, so a variable cannot change the document's structure. An unquoted value that is exactly
 * one expression is typed like unquoted YAML, so {@code port: ${PORT:-9400}} is an integer and
 * {@code host: ${HOST}} with HOST set but empty is null (the record's default); quoted, it stays a
 * string. Inside {@code [...]} and {@code {...}} YAML requires the quotes, because {@code {} ends an
 * unquoted value there.
 *
 * <p><b>Errors.</b> Every problem is a {@link ConfigException} whose message is one line naming the
 * source, the key path and the reason, for example
 * {@code agent.yaml: inputs[0].pahts: unknown key (known keys: paths, exclude, stream)}. The first
 * problem found is reported.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConfigLoader {

  private final ObjectMapper mapper;
  private final YamlTreeReader yaml;
  private final UnknownKeys unknownKeys;

  private ConfigLoader(Map<String, String> env) {
    this.mapper = strictMapper();
    this.yaml = new YamlTreeReader(new Interpolator(env));
    this.unknownKeys = new UnknownKeys(mapper);
  }

  /**
   * A loader that resolves {@code ${NAME}} from {@code env}; the launcher passes
   * {@link System#getenv()}, tests a map of their own. The map is copied.
   */
  public static ConfigLoader create(Map<String, String> env) {
    return new ConfigLoader(Objects.requireNonNull(env, "env"));
  }

  /**
   * Reads {@code file} (UTF-8) and binds it to {@code type}. An empty file gives every default.
   *
   * @throws ConfigException if the file cannot be read, is not valid YAML or does not fit
   *     {@code type}; its source is {@code file} as given
   */
  public <T> T load(Path file, Class<T> type) throws ConfigException {
    Objects.requireNonNull(type, "type");
    String source = file.toString();
    return parse(read(file, source), source, type);
  }

  /**
   * Binds the YAML document {@code yaml} to {@code type}. An empty document gives every default.
   *
   * @param sourceName how error messages name the document, such as its file name
   * @throws ConfigException if the document is not valid YAML or does not fit {@code type}
   */
  public <T> T parse(String yaml, String sourceName, Class<T> type) throws ConfigException {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(type, "type");
    try {
      return bind(this.yaml.read(withoutByteOrderMark(yaml)), type);
    } catch (ConfigProblem problem) {
      throw problem.toException(sourceName);
    }
  }

  /**
   * The effective configuration as YAML in the form {@link #load} reads, with every {@link Secret}
   * written as {@code [hidden]}; for logging at startup. Has no trailing newline.
   */
  public static String describe(Object config) {
    return ConfigDescriber.describe(config);
  }

  private <T> T bind(YamlTreeReader.Document document, Class<T> type) throws ConfigProblem {
    JavaType javaType = mapper.constructType(type);
    unknownKeys.check(document.root(), javaType);
    try {
      return mapper.readerFor(javaType)
          .withAttribute(ScalarTexts.ATTRIBUTE, document.scalarTexts())
          .readValue(document.root());
    } catch (JsonMappingException e) {
      throw BindingErrors.translate(e, document.root());
    } catch (JsonProcessingException e) {
      throw new ConfigProblem("", String.valueOf(e.getOriginalMessage()), e);
    } catch (InvalidValueException e) {
      // Only a value type bound as the whole document gets here unwrapped.
      throw new ConfigProblem(KeyPath.ROOT.render(e.key()), e.detail(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("binding an in-memory tree", e);
    }
  }

  private static String read(Path file, String source) throws ConfigException {
    if (Files.isDirectory(file)) {
      throw new ConfigException(source, "", "is a directory, not a configuration file");
    }
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, "", "file not found", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(source, "", "cannot read file: permission denied", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException(source, "", "not valid UTF-8 text", e);
    } catch (IOException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new ConfigException(source, "", "cannot read file: " + why, e);
    }
  }

  // Editors on some platforms start UTF-8 files with one; YAML would take it for content.
  private static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static ObjectMapper strictMapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // Otherwise a record method returning a List could be filled in as if it were a key.
        .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
        // A list item or map value left empty ("- " on its own line) is a slip, never a value.
        .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
        .withCoercionConfigDefaults(coercion -> coercion
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setAcceptBlankAsEmpty(false))
        .addModule(new ConfigModule())
        .build();
  }
}
