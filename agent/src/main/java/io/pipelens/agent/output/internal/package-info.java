/**
 * What the outputs share: the byte budget that makes {@code send} block, the tracker that completes
 * a batch's stage when all its parts are acknowledged, backoff, meters and thread naming.
 *
 * <p>This package is internal to the agent's outputs and is not public API. Its classes may change
 * or disappear in any release without notice; nothing outside {@code io.pipelens.agent.output}
 * should use them.
 */
package io.pipelens.agent.output.internal;
