/**
 * The agent's processing: what happens to a line between the tailer ({@code
 * io.pipelens.agent.source}) and the outputs. {@link io.pipelens.agent.process.ProcessorChain} is
 * the tailer's {@link io.pipelens.agent.source.LineConsumer}; it hands finished records to a
 * {@link io.pipelens.agent.process.RecordEmitter}.
 *
 * <p>Per record, in this order:
 *
 * <ol>
 *   <li>multiline ({@code process.multiline}): lines join into records by start or continuation
 *       pattern, Python traceback awareness and the {@code max_lines} / {@code max_record_size}
 *       limits, on the line bytes;
 *   <li>UTF-8: the record's bytes become its text, malformed bytes U+FFFD;
 *   <li>parsing ({@code process.parse}): {@code none}, {@code json}, {@code regex}, {@code spark},
 *       {@code ray}; a record that does not parse keeps its text as body;
 *   <li>masking ({@code process.mask}): secrets in the body and string attributes become {@code
 *       ****};
 *   <li>enrichment ({@code process.enrich}): the resource from configuration, environment, path and
 *       pod labels.
 * </ol>
 *
 * <p>Configuration types, bound by the project's YAML loader: {@link
 * io.pipelens.agent.process.ProcessingConfig} per input (with {@link
 * io.pipelens.agent.process.Preset}, {@link io.pipelens.agent.process.multiline.MultilineConfig},
 * {@link io.pipelens.agent.process.parse.ParserConfig}), and for the agent {@link
 * io.pipelens.agent.process.mask.MaskingConfig} and {@link
 * io.pipelens.agent.process.enrich.EnrichmentConfig}.
 *
 * <p>Metrics (names as Prometheus shows them):
 *
 * <table>
 *   <caption>processing metrics</caption>
 *   <tr><th>name</th><th>type</th><th>labels</th><th>counts</th></tr>
 *   <tr><td>{@code pipelens_agent_invalid_utf8_total}</td><td>counter</td><td>{@code input}</td>
 *       <td>records whose bytes were not valid UTF-8 (each bad sequence became U+FFFD)</td></tr>
 *   <tr><td>{@code pipelens_agent_parse_failures_total}</td><td>counter</td><td>{@code input},
 *       {@code parser}</td><td>records the parser could not read (kept with their text as body), or
 *       read only in part (such as a timestamp in another format)</td></tr>
 *   <tr><td>{@code pipelens_agent_truncated_records_total}</td><td>counter</td><td>{@code input},
 *       {@code reason}: {@code line}, {@code max_record_size}, {@code max_lines}</td><td>records
 *       marked {@code log.truncated}</td></tr>
 *   <tr><td>{@code pipelens_agent_masked_total}</td><td>counter</td><td>{@code rule}</td>
 *       <td>secrets replaced, one per match</td></tr>
 * </table>
 *
 * <p>Attribute keys set here that {@link io.pipelens.core.record.AttributeNames} does not have yet
 * are in {@link io.pipelens.core.record.AttributeNames}.
 */
package io.pipelens.agent.process;
