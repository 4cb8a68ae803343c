package io.pipelens.collector.jobs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The applications whose {@code SparkListenerApplicationEnd} was seen, oldest first, at most {@code
 * limit} of them: a bounded memory, since a collector sees applications without end. Thread-safe.
 */
final class EndedApplications {

  private final int limit;
  private final LinkedHashMap<String, Long> endedMillis = new LinkedHashMap<>();

  EndedApplications(int limit) {
    this.limit = limit;
  }

  synchronized void add(String appId, long nowMillis) {
    endedMillis.remove(appId);
    endedMillis.put(appId, nowMillis);
    if (endedMillis.size() > limit) {
      Iterator<String> oldest = endedMillis.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  synchronized void remove(String appId) {
    endedMillis.remove(appId);
  }

  synchronized boolean contains(String appId) {
    return endedMillis.containsKey(appId);
  }

  /** Forgets the applications that ended before {@code oldestMillis}. */
  synchronized void forgetBefore(long oldestMillis) {
    Iterator<Map.Entry<String, Long>> entries = endedMillis.entrySet().iterator();
    while (entries.hasNext() && entries.next().getValue() < oldestMillis) {
      entries.remove();
    }
  }

  synchronized int size() {
    return endedMillis.size();
  }
}
