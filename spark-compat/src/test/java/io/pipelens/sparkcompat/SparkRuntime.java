package io.pipelens.sparkcompat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Spark in child JVMs: its classpath, resolved by Maven from the standalone {@code
 * spark-classpath/pom.xml} (so Spark gets the Jackson, Netty and Scala versions it pins), and the
 * command line of a JVM that runs it on Java 17.
 */
final class SparkRuntime {

  /**
   * The flags Spark's launcher adds on Java 17 (Spark's {@code JavaModuleOptions}): Spark and its
   * Kryo, Netty and Arrow reach into these JDK packages by reflection.
   */
  private static final List<String> MODULE_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-modules=jdk.incubator.vector",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private final Path moduleDir;
  private final String classpath;

  private SparkRuntime(Path moduleDir, String classpath) {
    this.moduleDir = moduleDir;
    this.classpath = classpath;
  }

  /** Resolves Spark's classpath once per build (kept in {@code target/spark-classpath.txt}). */
  static SparkRuntime resolve(Path moduleDir) throws IOException, InterruptedException {
    Path pom = moduleDir.resolve("spark-classpath/pom.xml");
    Path out = moduleDir.resolve("target/spark-classpath.txt");
    if (!Files.isRegularFile(out)
        || Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(pom)) < 0) {
      // Offline first, which needs no network once Spark is in the local repository; online
      // when something is missing.
      Path log = moduleDir.resolve("target/spark-classpath.log");
      if (!buildClasspath(pom, out, log, true) && !buildClasspath(pom, out, log, false)) {
        throw new IllegalStateException(
            "resolving Spark's classpath from " + pom + " failed:\n" + Files.readString(log));
      }
    }
    return new SparkRuntime(moduleDir, Files.readString(out, StandardCharsets.UTF_8).trim());
  }

  private static boolean buildClasspath(Path pom, Path out, Path log, boolean offline)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    String mavenHome = System.getProperty("pipelens.maven.home");
    command.add(mavenHome == null || mavenHome.isBlank() ? "mvn" : mavenHome + "/bin/mvn");
    command.addAll(List.of("-B", "-q", "-f", pom.toString()));
    if (offline) {
      command.add("-o");
    }
    String repository = System.getProperty("pipelens.maven.repository");
    if (repository != null && !repository.isBlank()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    command.add("dependency:build-classpath");
    command.add("-Dmdep.outputFile=" + out);
    Process maven =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!maven.waitFor(10, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      return false;
    }
    return maven.exitValue() == 0 && Files.isRegularFile(out);
  }

  String classpath() {
    return classpath;
  }

  Path moduleDir() {
    return moduleDir;
  }

  /** {@code java} with Spark's module flags, {@code heap}, Spark plus {@code extra} on the path. */
  List<String> java(String heap, List<String> systemProperties, String extra, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(MODULE_OPTIONS);
    command.add("-Xmx" + heap);
    command.addAll(systemProperties);
    command.add("-cp");
    command.add(extra == null ? classpath : extra + java.io.File.pathSeparator + classpath);
    command.add(mainClass);
    return command;
  }
}
