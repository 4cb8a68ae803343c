package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.agent.process.enrich.EnrichmentConfig;
import io.pipelens.agent.process.mask.MaskingConfig;
import io.pipelens.agent.process.multiline.MultilineConfig;
import io.pipelens.agent.process.parse.ParserType;
import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.record.ComputeType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessingConfigTest {

  private final ConfigLoader loader = ConfigLoader.create(Map.of());

  @Test
  void aPresetAloneGivesItsRulesAndParser() throws Exception {
    ProcessingConfig config = loader.parse("preset: spark\n", "agent.yaml", ProcessingConfig.class);

    assertThat(config.multiline()).isEqualTo(Preset.SPARK.multiline());
    assertThat(config.multiline().maxLines()).isEqualTo(500);
    assertThat(config.multiline().maxRecordSize()).isEqualTo(DataSize.ofMebibytes(1));
    assertThat(config.parser().type()).isEqualTo(ParserType.SPARK);
    assertThat(config.parser().timeZone()).isEqualTo("UTC");
  }

  @Test
  void limitsAndTimeZoneAloneKeepThePresetsRulesAndParser() throws Exception {
    ProcessingConfig config = loader.parse("""
        preset: spark
        multiline:
          max_lines: 2000
          max_record_size: 4MiB
        parser:
          time_zone: Asia/Shanghai
        """, "agent.yaml", ProcessingConfig.class);

    assertThat(config.multiline().startPattern()).isEqualTo(Preset.SPARK.multiline().startPattern());
    assertThat(config.multiline().maxLines()).isEqualTo(2000);
    assertThat(config.multiline().maxRecordSize()).isEqualTo(DataSize.ofMebibytes(4));
    assertThat(config.parser().type()).isEqualTo(ParserType.SPARK);
    assertThat(config.parser().timeZone()).isEqualTo("Asia/Shanghai");
  }

  @Test
  void explicitRulesAndParserReplaceThePresets() throws Exception {
    ProcessingConfig config = loader.parse("""
        preset: ray
        multiline:
          continuation_pattern: '\\s'
        parser:
          type: none
        """, "agent.yaml", ProcessingConfig.class);

    assertThat(config.multiline().startPattern()).isNull();
    assertThat(config.multiline().continuationPattern()).isEqualTo("\\s");
    assertThat(config.parser().type()).isEqualTo(ParserType.NONE);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> loader.parse("multiline:\n  start_pattern: '(oops'\n", "agent.yaml", ProcessingConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("multiline.start_pattern")
        .hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> loader.parse("parser:\n  type: regex\n", "agent.yaml", ProcessingConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parser.pattern");
    assertThatThrownBy(() -> loader.parse("parser:\n  type: spark\n  time_zone: Mars/Olympus\n", "agent.yaml",
            ProcessingConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parser.time_zone");
    assertThatThrownBy(() -> loader.parse("parser:\n  type: json\n  time_format: 'yyyy-MM-dd HH:mm:ss{'\n",
            "agent.yaml", ProcessingConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parser.time_format");
    assertThatThrownBy(() -> loader.parse("multiline:\n  max_lines: 0\n", "agent.yaml", ProcessingConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("multiline.max_lines");
  }

  @Test
  void maskingAndEnrichmentBindFromYaml() throws Exception {
    MaskingConfig masking = loader.parse("""
        rules:
          - name: employee_id
            pattern: 'emp-\\d{8}'
        """, "agent.yaml", MaskingConfig.class);
    assertThat(masking.builtin()).isTrue();
    assertThat(masking.rules()).singleElement().satisfies(rule -> assertThat(rule.replacement()).isEqualTo("****"));

    EnrichmentConfig enrichment = loader.parse("""
        compute_type: serverless
        team_label: example.com/team
        attributes:
          cloud.region: cn-hangzhou
        """, "agent.yaml", EnrichmentConfig.class);
    assertThat(enrichment.computeType()).isEqualTo(ComputeType.SERVERLESS);
    assertThat(enrichment.teamLabel()).isEqualTo("example.com/team");
    assertThat(enrichment.priorityLabel()).isEqualTo("pipelens.io/priority");
    assertThat(enrichment.attributes()).containsEntry("cloud.region", "cn-hangzhou");
  }

  @Test
  void theEffectiveConfigurationDescribesAndReadsBack() throws Exception {
    ProcessingConfig config = ProcessingConfig.of(Preset.PYTHON);
    String yaml = ConfigLoader.describe(config);

    assertThat(loader.parse(yaml, "described", ProcessingConfig.class)).isEqualTo(config);
    assertThat(new MultilineConfig(null, null, true, null, null).joinsLines()).isTrue();
  }
}
