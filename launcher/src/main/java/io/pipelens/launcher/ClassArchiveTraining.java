package io.pipelens.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.app.SampleEventLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes the AppCDS archive the build ships next to the jar ({@code launcher/target/pipelens.jsa}),
 * which {@code bin/pipelens} maps at start-up so that a start skips most of the loading, parsing
 * and verifying of the jar's classes (about half of the history server's start-up CPU time).
 *
 * <p>{@code mvn package} runs {@code java -cp pipelens.jar io.pipelens.launcher.ClassArchiveTraining
 * ARCHIVE WORK_DIR}. That starts a second JVM with {@code -XX:ArchiveClassesAtExit}, the training
 * run: it runs {@code pipelens history-server} through {@link Main}, as {@code bin/pipelens} would,
 * on the sample event logs bundled in the jar, asks the REST API what a client asks first (the
 * listing, then each attempt's jobs, stages, executors and environment) and exits; its JVM then
 * writes every class the run loaded. The archive is written under a temporary name, checked by a
 * third JVM that must load {@link Main} from it, and only then moved into place: HotSpot 17
 * crashes (SIGBUS) on a truncated archive, as an interrupted build would leave, while it silently
 * ignores a whole archive that does not match its class path or its own version.
 *
 * <p>Exits 0 with the archive in place, or 0 with a warning and no archive when this JVM cannot
 * write or map one (the archive only speeds up start-up; the jar works the same without it).
 */
public final class ClassArchiveTraining {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);
  private static final String SERVE = "--serve";
  private static final int TRAINING_ATTEMPTS = 3;
  private static final List<String> QUIET_CDS = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals(SERVE)) {
      System.exit(serve(Path.of(args[1]).toAbsolutePath()));
    }
    if (args.length != 2) {
      System.err.println("usage: ClassArchiveTraining ARCHIVE WORK_DIR");
      System.exit(ExitCode.USAGE);
    }
    Path archive = Path.of(args[0]).toAbsolutePath();
    try {
      write(archive, Path.of(args[1]).toAbsolutePath());
      System.out.println("pipelens: AppCDS archive " + archive + " (" + Files.size(archive) / 1048576
          + " MiB), mapped by bin/pipelens");
    } catch (IOException | IllegalStateException e) {
      System.err.println("pipelens: WARNING: no AppCDS archive, start-up is slower: " + e.getMessage());
    }
    System.exit(ExitCode.OK);
  }

  private static void write(Path archive, Path work) throws IOException, InterruptedException {
    Path partial = archive.resolveSibling(archive.getFileName() + ".tmp");
    Files.deleteIfExists(archive);
    Files.deleteIfExists(partial);
    List<String> training = new ArrayList<>(List.of(java(), "-XX:ArchiveClassesAtExit=" + partial));
    training.addAll(QUIET_CDS);
    training.addAll(List.of("-cp", classPath(), ClassArchiveTraining.class.getName(), SERVE, work.toString()));
    // The training server's port is picked free and then bound by the server: another process can
    // take it in between, so a failed run is tried again on a new port.
    int code = ExitCode.FAILURE;
    for (int attempt = 1; attempt <= TRAINING_ATTEMPTS && code != ExitCode.OK; attempt++) {
      Files.deleteIfExists(partial);
      code = run(new ProcessBuilder(training).inheritIO());
    }
    if (code != ExitCode.OK || !Files.isRegularFile(partial)) {
      Files.deleteIfExists(partial);
      throw new IllegalStateException("the training run exited " + code + " and wrote "
          + (Files.isRegularFile(partial) ? "an archive" : "no archive"));
    }
    List<String> check = new ArrayList<>(List.of(java(), "-XX:SharedArchiveFile=" + partial));
    check.addAll(QUIET_CDS);
    check.addAll(List.of("-Xlog:class+load=info", "-cp", classPath(), Main.class.getName(), "--version"));
    Path checkOutput = work.resolve("class-load.log");
    run(new ProcessBuilder(check).redirectErrorStream(true).redirectOutput(checkOutput.toFile()));
    String fromArchive = Main.class.getName() + " source: shared objects file (top)";
    boolean mapped;
    try (var lines = Files.lines(checkOutput)) {
      mapped = lines.anyMatch(line -> line.contains(fromArchive));
    }
    if (!mapped) {
      Files.deleteIfExists(partial);
      throw new IllegalStateException("the JVM does not map the archive it wrote; see " + checkOutput);
    }
    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static int run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.start();
    if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(builder.command() + " did not finish within " + RUN_TIMEOUT);
    }
    return process.exitValue();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The class path exactly as given: the archive only maps for the same class path. */
  private static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** The training run, in the JVM that writes the archive at its exit. */
  private static int serve(Path work) {
    int code;
    try {
      train(work, System.err);
      code = ExitCode.OK;
    } catch (IOException | RuntimeException e) {
      System.err.println("pipelens class archive training failed: " + e);
      code = ExitCode.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = ExitCode.FAILURE;
    }
    // The caller's System.exit stops the server through its shutdown hook, as SIGTERM would.
    return code;
  }

  private static void train(Path work, PrintStream err) throws IOException, InterruptedException {
    Path events = SampleEventLogs.copyTo(work.resolve("events"));
    int port = freePort();
    Path config = work.resolve("history-server.yaml");
    Files.writeString(
        config,
        "log_directories: [" + events.toUri() + "]\n"
            + "http: {host: 127.0.0.1, port: " + port + "}\n"
            + "logging: {level: warn}\n",
        StandardCharsets.UTF_8);
    Thread server =
        new Thread(
            () -> new Main(System.out, err, Map.of()).run(
                new String[] {"history-server", "--config", config.toString()}),
            "pipelens-training-server");
    server.setDaemon(true);
    server.start();

    String api = "http://127.0.0.1:" + port + "/api/v1/";
    List<String> ids = awaitListing(api, server);
    ObjectMapper mapper = new ObjectMapper();
    for (String id : ids) {
      // id, or id/attemptId for an application with several attempts.
      for (String resource : List.of("", "/jobs", "/stages", "/executors", "/environment")) {
        get(api + "applications/" + id + resource);
      }
    }
    get("http://127.0.0.1:" + port + "/metrics");
    mapper.readTree(get(api + "version"));
  }

  /** The attempts of the listing, once the first scan has listed any. */
  private static List<String> awaitListing(String api, Thread server)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    ObjectMapper mapper = new ObjectMapper();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the history server stopped before it answered");
      }
      try {
        JsonNode listing = mapper.readTree(get(api + "applications"));
        if (listing.size() > 0) {
          List<String> ids = new ArrayList<>();
          for (JsonNode app : listing) {
            for (JsonNode attempt : app.get("attempts")) {
              JsonNode attemptId = attempt.get("attemptId");
              ids.add(app.get("id").asText() + (attemptId == null ? "" : "/" + attemptId.asText()));
            }
          }
          return ids;
        }
      } catch (IOException notYet) {
        // Not listening yet, or the first scan has not finished.
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the history server listed nothing within " + START_TIMEOUT);
  }

  private static byte[] get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException(url + " answered " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        return in.readAllBytes();
      }
    } finally {
      connection.disconnect();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
