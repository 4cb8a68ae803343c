package io.pipelens.sparkcompat;

import io.pipelens.testsupport.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Copies a directory tree into a bucket of the test S3 server, key for relative path. */
final class S3Upload {

  private S3Upload() {}

  static void tree(S3Server server, String bucket, Path root, String prefix) throws IOException {
    try (S3Client s3 = server.client();
        Stream<Path> walk = Files.walk(root)) {
      s3.createBucket(b -> b.bucket(bucket));
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      for (Path file : files) {
        String key = prefix + root.relativize(file).toString().replace('\\', '/');
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
      }
    }
  }
}
