#!/usr/bin/env bash
# Builds the pipelens image as an OCI tar, without Docker: deploy/image/target/pipelens-image.tar.
#   1. launcher/target/pipelens.jar (mvn package, when it is missing);
#   2. deploy/image/rootfs.sh: a jlink Java runtime, the glibc libraries it needs, the jar;
#   3. Jib (deploy/image/pom.xml): those files as layers on `scratch`, jib:buildTar;
#   4. deploy/image/verify.sh: unpacks the layers and runs `pipelens --version` in a chroot.
# Load it where a registry is reachable: `skopeo copy oci-archive:<tar> docker://<registry>/...`,
# or `docker load` / `podman load` / `ctr images import`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/launcher/target/pipelens.jar"
if [ ! -f "$jar" ]; then
  mvn -B -q -f "$root/pom.xml" -pl launcher -am -DskipTests package
fi
"$root/deploy/image/rootfs.sh" "$jar" "$root/deploy/image/target/rootfs"
# Jib reads the module's class directory, which a module without sources does not get from Maven.
mkdir -p "$root/deploy/image/target/classes"
mvn -B -q -f "$root/deploy/image/pom.xml" ${MAVEN_ARGS:-} package jib:buildTar
"$root/deploy/image/verify.sh" "$root/deploy/image/target/pipelens-image.tar"
