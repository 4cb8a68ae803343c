/**
 * The {@code file} and {@code stdout} outputs: NDJSON lines, one record per line. See {@link
 * io.pipelens.agent.output.file.NdjsonOutput}, {@link
 * io.pipelens.agent.output.file.FileOutputConfig} (durability) and {@link
 * io.pipelens.agent.output.file.StdoutOutputConfig}.
 */
package io.pipelens.agent.output.file;
