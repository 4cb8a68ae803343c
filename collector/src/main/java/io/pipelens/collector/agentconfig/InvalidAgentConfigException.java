package io.pipelens.collector.agentconfig;

/** An agent configuration file that cannot be served: the key and the reason. */
final class InvalidAgentConfigException extends Exception {

  InvalidAgentConfigException(String key, String reason) {
    super(key.isEmpty() ? reason : key + ": " + reason);
  }
}
