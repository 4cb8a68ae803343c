package io.pipelens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kubernetes manifests parsed into fabric8 model objects, and the strictness fabric8 lacks. */
final class Manifests {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** One parsed document and where it came from. */
  record Manifest(Path file, int index, HasMetadata resource) {
    String where() {
      return Repo.root().relativize(file) + " #" + index + " (" + resource.getKind() + " " + resource.getMetadata().getName() + ")";
    }
  }

  private Manifests() {}

  static List<Manifest> parse(Path file) {
    List<Manifest> manifests = new ArrayList<>();
    List<String> documents = Repo.documents(file);
    for (int i = 0; i < documents.size(); i++) {
      HasMetadata resource;
      try {
        resource = SERIALIZATION.unmarshal(documents.get(i), HasMetadata.class);
      } catch (RuntimeException e) {
        throw new AssertionError(file + " #" + i + ": does not parse: " + e.getMessage(), e);
      }
      assertThat(resource).as(file + " #" + i).isNotNull();
      assertThat(resource.getMetadata()).as(file + " #" + i + " metadata").isNotNull();
      assertThat(resource.getMetadata().getName()).as(file + " #" + i + " metadata.name").isNotBlank();
      manifests.add(new Manifest(file, i, resource));
    }
    return manifests;
  }

  static List<Manifest> parseAll(List<Path> files) {
    return files.stream().flatMap(f -> parse(f).stream()).toList();
  }

  /**
   * The paths of every non-empty {@code additionalProperties} in the object graph: fields fabric8 did
   * not know, which is what a misspelled key ({@code matchLabel}, {@code readonly}) becomes. Custom
   * resources (PodMonitor, ...) are generic maps and have their own checks.
   */
  static List<String> unknownFields(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found, new IdentityHashMap<>());
    return found;
  }

  private static void walk(Object node, String path, List<String> found, Map<Object, Boolean> seen) {
    if (node == null || node instanceof GenericKubernetesResource) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), found, seen);
      }
      return;
    }
    Class<?> type = node.getClass();
    if (!type.getName().startsWith("io.fabric8.") || type.isEnum() || seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
          || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = method.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
        continue;
      }
      String property = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
      if (method.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          found.add((path.isEmpty() ? "" : path) + ": unknown " + extra.keySet());
        }
        continue;
      }
      if (SKIPPED.contains(property)) {
        continue;
      }
      walk(value, path + "." + property, found, seen);
    }
  }

  /** Getters that are not fields of the manifest. */
  private static final Set<String> SKIPPED = Set.of("class", "apiVersion", "kind", "plural", "singular", "fullResourceName");
}
