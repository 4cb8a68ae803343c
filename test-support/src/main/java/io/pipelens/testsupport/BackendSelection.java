package io.pipelens.testsupport;

import io.pipelens.testsupport.docker.DockerEngine;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides once per JVM whether the servers run in Docker or locally, so all of them run in the same
 * place and the Docker probe runs once.
 */
final class BackendSelection {

  private static final Logger LOG = LoggerFactory.getLogger(BackendSelection.class);

  private static Boolean docker;
  private static RuntimeException failure;

  private BackendSelection() {}

  /**
   * Whether the servers run in Docker.
   *
   * @throws TestServerStartException if Docker was asked for and no engine answers
   */
  static synchronized boolean docker() {
    if (failure != null) {
      throw failure;
    }
    if (docker == null) {
      try {
        docker = decide(Backend.configured());
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return docker;
  }

  private static boolean decide(Backend configured) {
    switch (configured) {
      case LOCAL:
        LOG.info("Test servers run locally ({}=local)", Backend.PROPERTY);
        return false;
      case DOCKER:
        // Asked for explicitly: let Testcontainers look everywhere it knows, not just our guesses.
        Optional<String> problem = DockerEngine.whyTestcontainersCannotUseIt();
        if (problem.isPresent()) {
          throw new TestServerStartException(
              Backend.PROPERTY
                  + "=docker, but "
                  + problem.get()
                  + ". Use auto or local to run the servers without Docker.");
        }
        LOG.info("Test servers run in Docker ({}=docker)", Backend.PROPERTY);
        return true;
      default:
        Optional<String> whyLocal =
            DockerEngine.whyNotAnswering().or(DockerEngine::whyTestcontainersCannotUseIt);
        if (whyLocal.isPresent()) {
          LOG.info("Test servers run locally: {}", whyLocal.get());
          return false;
        }
        LOG.info("Test servers run in Docker: a Docker engine answered");
        return true;
    }
  }
}
