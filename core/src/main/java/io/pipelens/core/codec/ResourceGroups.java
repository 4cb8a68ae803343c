package io.pipelens.core.codec;

import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch split the way OTLP nests it: by resource, then by scope name, each group in order of
 * first appearance and records in batch order within a group.
 */
final class ResourceGroups {

  /** The records of one resource, by scope. */
  static final class ResourceGroup {
    final Resource resource;
    final List<ScopeGroup> scopes = new ArrayList<>(1);
    private ScopeGroup lastScope;

    private ResourceGroup(Resource resource) {
      this.resource = resource;
    }

    private void add(LogRecord record) {
      String scopeName = record.scopeName();
      if (lastScope == null || !lastScope.scopeName.equals(scopeName)) {
        lastScope = scopeFor(scopeName);
      }
      lastScope.records.add(record);
    }

    // Few scopes per resource in practice: a scan beats a map.
    private ScopeGroup scopeFor(String scopeName) {
      for (ScopeGroup scope : scopes) {
        if (scope.scopeName.equals(scopeName)) {
          return scope;
        }
      }
      ScopeGroup scope = new ScopeGroup(scopeName);
      scopes.add(scope);
      return scope;
    }
  }

  /** The records of one scope within a resource. */
  static final class ScopeGroup {
    final String scopeName;
    final List<LogRecord> records;

    private ScopeGroup(String scopeName) {
      this(scopeName, new ArrayList<>());
    }

    private ScopeGroup(String scopeName, List<LogRecord> records) {
      this.scopeName = scopeName;
      this.records = records;
    }
  }

  private ResourceGroups() {}

  /** The groups of {@code records}. */
  static List<ResourceGroup> of(List<LogRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    if (oneResourceAndScope(records)) {
      // The common case, one file's records: the batch itself is the only group's list.
      LogRecord first = records.get(0);
      ResourceGroup only = new ResourceGroup(first.resource());
      only.scopes.add(new ScopeGroup(first.scopeName(), records));
      return List.of(only);
    }
    List<ResourceGroup> groups = new ArrayList<>(1);
    Map<Resource, ResourceGroup> byResource = new HashMap<>();
    ResourceGroup last = null;
    for (LogRecord record : records) {
      Resource resource = record.resource();
      // Batches mostly come from one source sharing one Resource instance: skip the hash lookup.
      if (last == null || (last.resource != resource && !last.resource.equals(resource))) {
        last = byResource.get(resource);
        if (last == null) {
          last = new ResourceGroup(resource);
          byResource.put(resource, last);
          groups.add(last);
        }
      }
      last.add(record);
    }
    return groups;
  }

  /** Whether every record has the first one's resource and scope name instances (equal is not enough). */
  private static boolean oneResourceAndScope(List<LogRecord> records) {
    LogRecord first = records.get(0);
    Resource resource = first.resource();
    String scopeName = first.scopeName();
    for (LogRecord record : records) {
      if (record.resource() != resource || record.scopeName() != scopeName) {
        return false;
      }
    }
    return true;
  }
}
