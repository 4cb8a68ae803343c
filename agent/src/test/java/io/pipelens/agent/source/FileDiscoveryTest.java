package io.pipelens.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans one after another: identities and sizes as a fresh {@code stat} of each file gives them. */
class FileDiscoveryTest {

  @TempDir Path dir;

  @Test
  void eachScanGivesTheIdentityAndSizeAFreshStatGivesAcrossGrowthReplacementAndRetargetedLinks()
      throws Exception {
    FileDiscovery discovery = new FileDiscovery(List.of(dir + "/*.log"), List.of(), path -> true);
    Path app = Files.writeString(dir.resolve("app.log"), "one\n");
    Path target1 = Files.writeString(dir.resolve("t1.txt"), "first target\n");
    Path target2 = Files.writeString(dir.resolve("t2.txt"), "second target, longer\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.log"), target1);
    assertScanMatchesStat(discovery, app, link);
    FileKey firstApp = FileKey.stat(app).key();

    Files.writeString(app, "two\n", StandardOpenOption.APPEND); // grows, same file
    assertScanMatchesStat(discovery, app, link);
    assertThat(FileKey.stat(app).key()).isEqualTo(firstApp);

    // Rotation by rename: another file takes the path (created while the first exists, so it
    // cannot have the first one's inode).
    Path next = Files.writeString(dir.resolve("next.tmp"), "a new file at the old path\n");
    Files.move(next, app, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    assertThat(FileKey.stat(app).key()).isNotEqualTo(firstApp);
    assertScanMatchesStat(discovery, app, link);

    // The link now points at another file: the link's path stays, its identity is the new target's.
    Files.delete(link);
    Files.createSymbolicLink(link, target2);
    assertScanMatchesStat(discovery, app, link);

    Files.delete(app); // gone from the scan, then back as a new file
    assertThat(paths(discovery.scan())).containsOnlyKeys(link);
    Files.writeString(app, "back\n");
    assertScanMatchesStat(discovery, app, link);
  }

  private static void assertScanMatchesStat(FileDiscovery discovery, Path... expected) throws Exception {
    Map<Path, DiscoveredFile> found = paths(discovery.scan());
    assertThat(found).containsOnlyKeys(expected);
    for (Path path : expected) {
      FileKey.Stat stat = FileKey.stat(path);
      assertThat(found.get(path).key()).as("identity of %s", path).isEqualTo(stat.key());
      assertThat(found.get(path).size()).as("size of %s", path).isEqualTo(stat.size());
    }
  }

  private static Map<Path, DiscoveredFile> paths(FileDiscovery.Scan scan) {
    return scan.files().stream().collect(Collectors.toMap(DiscoveredFile::path, file -> file));
  }
}
