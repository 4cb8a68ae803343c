package io.pipelens.agent.source;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the files an input's globs match: walks each glob's {@linkplain Glob#base() base
 * directory} no deeper than the glob reaches, following symbolic links (the file system loop
 * detection of {@link Files#walkFileTree} stops cycles), and keeps regular files that match an
 * include glob, no exclude glob, and the input's extra filter (namespaces, for containers).
 *
 * <p>A file's identity is read with its own {@code stat} the first time a scan finds it at a
 * path; later scans take it from the walk's attributes as long as their {@linkplain
 * BasicFileAttributes#fileKey() file key} is the one seen before at that path (the same device and
 * inode), which saves a second {@code stat} per file and scan.
 *
 * <p>Not thread-safe; the discovery thread owns it.
 */
final class FileDiscovery {

  private final PathSelection selection;
  // What the last scan found at each path: the walk's file key and the identity read for it.
  private Map<Path, Known> known = new HashMap<>();

  private record Known(Object walkKey, FileKey key) {}

  FileDiscovery(List<String> include, List<String> exclude, Predicate<Path> filter) {
    this.selection = new PathSelection(include, exclude, filter);
  }

  /** One scan: the files found, in walk order, and every directory visited on the way. */
  record Scan(List<DiscoveredFile> files, Set<Path> directories) {}

  Scan scan() {
    Map<Path, DiscoveredFile> files = new LinkedHashMap<>();
    Set<Path> directories = new LinkedHashSet<>();
    Map<Path, Known> seen = new HashMap<>();
    for (Glob glob : selection.include()) {
      if (!Files.isDirectory(glob.base())) {
        continue;
      }
      try {
        Files.walkFileTree(
            glob.base(),
            EnumSet.of(FileVisitOption.FOLLOW_LINKS),
            glob.maxDepth(),
            new Collector(glob, files, directories, seen));
      } catch (IOException e) {
        // The visitor swallows per-entry errors; a failing base directory is retried next scan.
      }
    }
    known = seen;
    return new Scan(new ArrayList<>(files.values()), directories);
  }

  private final class Collector extends SimpleFileVisitor<Path> {
    private final Glob glob;
    private final Map<Path, DiscoveredFile> files;
    private final Set<Path> directories;
    private final Map<Path, Known> seen;

    Collector(Glob glob, Map<Path, DiscoveredFile> files, Set<Path> directories, Map<Path, Known> seen) {
      this.glob = glob;
      this.files = files;
      this.directories = directories;
      this.seen = seen;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      directories.add(dir);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (attrs.isRegularFile() && !files.containsKey(file) && selection.selects(glob, file)) {
        Object walkKey = attrs.fileKey();
        Known before = known.get(file);
        if (walkKey != null && before != null && walkKey.equals(before.walkKey())) {
          files.put(file, new DiscoveredFile(file, before.key(), attrs.size()));
          seen.put(file, before);
          return FileVisitResult.CONTINUE;
        }
        try {
          FileKey.Stat stat = FileKey.stat(file);
          files.put(file, new DiscoveredFile(file, stat.key(), stat.size()));
          if (walkKey != null) {
            seen.put(file, new Known(walkKey, stat.key()));
          }
        } catch (NoSuchFileException e) {
          // Deleted between listing and stat: it never existed as far as we are concerned.
        } catch (IOException | UnsupportedOperationException e) {
          // Unreadable attributes: skip; the next scan tries again.
        }
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      // Permission denied, a vanished entry, a symlink loop or a dangling link: skip that entry.
      return FileVisitResult.CONTINUE;
    }
  }
}
