package io.pipelens.sparkcompat;

import io.pipelens.testsupport.json.JsonDiff.Difference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The documented differences from Spark's History Server ({@code spark-compat-allowlist.tsv}): one
 * entry per line, {@code <application name glob> TAB <request glob> TAB <JSON path glob> TAB
 * <reason>}, where {@code *} matches anything, requests are written with {@code {app}} for the
 * application id, and the application-list requests belong to the application named {@code list}.
 * An entry that no difference matched in a run fails the test, so the list only shrinks, unless its
 * application is written {@code ~name}: a difference that depends on the run's timing.
 */
final class AllowList {

  static final String RESOURCE = "/spark-compat-allowlist.tsv";

  /**
   * One entry; {@code timing} when its application is written {@code ~name}: the difference depends
   * on the run's timing (which task is fastest, which ties), so a run may not need it.
   */
  record Entry(
      String line, String reason, boolean timing, Pattern app, Pattern request, Pattern path) {
    boolean covers(String appName, String templatedRequest, Difference difference) {
      return app.matcher(appName).matches()
          && request.matcher(templatedRequest).matches()
          && path.matcher(difference.path()).matches();
    }

    @Override
    public String toString() {
      return line;
    }
  }

  private final List<Entry> entries;

  private AllowList(List<Entry> entries) {
    this.entries = entries;
  }

  /** The entries of {@link #RESOURCE} and of the {@code extra} resources, in that order. */
  static AllowList load(String... extra) throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<String> resources = new ArrayList<>(List.of(RESOURCE));
    resources.addAll(List.of(extra));
    for (String resource : resources) {
      read(resource, entries);
    }
    return new AllowList(entries);
  }

  /** The entries of {@code resource} alone. */
  static AllowList only(String resource) throws IOException {
    List<Entry> entries = new ArrayList<>();
    read(resource, entries);
    return new AllowList(entries);
  }

  private static void read(String resource, List<Entry> entries) throws IOException {
    try (InputStream in = AllowList.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t");
        if (columns.length != 4 || columns[3].isBlank()) {
          throw new IllegalStateException(
              resource
                  + ": needs <application> TAB <request> TAB <JSON path> TAB <reason>: "
                  + line);
        }
        boolean timing = columns[0].startsWith("~");
        String app = timing ? columns[0].substring(1) : columns[0];
        entries.add(
            new Entry(
                columns[0] + "\t" + columns[1] + "\t" + columns[2],
                columns[3],
                timing,
                glob(app),
                glob(columns[1]),
                glob(columns[2])));
      }
    }
  }

  List<Entry> entries() {
    return entries;
  }

  /** The entry that documents this difference, or null. */
  Entry find(String appName, String templatedRequest, Difference difference) {
    for (Entry entry : entries) {
      if (entry.covers(appName, templatedRequest, difference)) {
        return entry;
      }
    }
    return null;
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
