#!/usr/bin/env bash
# Lays out the root filesystem of the pipelens image, without Docker and without a base image:
# a jlink-built Java runtime (/opt/java), the shared libraries it needs copied from this Debian
# system (found with ldd), CA certificates, and the pipelens jar (/app/pipelens.jar). Jib then
# packs the directory into layers on top of `scratch` (deploy/image/pom.xml).
#
#   deploy/image/rootfs.sh JAR OUT     JAR: launcher/target/pipelens.jar; OUT: a directory to (re)create
set -euo pipefail
jar="$1"
out="$2"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -f "$jar" ] || { echo "rootfs.sh: $jar does not exist (build it: mvn -pl launcher -am package)" >&2; exit 1; }
[ -d "$java_home/jmods" ] || { echo "rootfs.sh: $java_home has no jmods (Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/app" "$out/etc" "$out/tmp"
out="$(cd "$out" && pwd)"
chmod 1777 "$out/tmp"
cp "$jar" "$out/app/pipelens.jar"

# The modules the jar needs, as jdeps sees them (PIPELENS_IMAGE_MODULES skips that minute), plus
# what is loaded by name: the EC crypto provider for TLS (jdk.crypto.ec), DNS through JNDI
# (jdk.naming.dns), zip file systems and extra charsets. jdeps reads the classes unpacked, without
# the module-info.class files the shaded dependencies carry: with them it takes the jar for a
# module and fails on the modules those name.
if [ -n "${PIPELENS_IMAGE_MODULES:-}" ]; then
  modules="$PIPELENS_IMAGE_MODULES"
else
  classes="$(mktemp -d)"
  (cd "$classes" && "$java_home/bin/jar" -xf "$jar" && find . -name module-info.class -delete)
  modules="$("$java_home/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$classes")"
  rm -rf "$classes"
fi
modules="$modules,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.charsets"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/opt/java"

# Debian links cacerts to /etc/ssl/certs/java/cacerts: copy the real file.
if [ -e /etc/ssl/certs/java/cacerts ]; then
  rm -f "$out/opt/java/lib/security/cacerts"
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi
# A server has no display: AWT runs headless and never loads these, which alone need X11.
rm -f "$out/opt/java/lib/libawt_xawt.so" "$out/opt/java/lib/libsplashscreen.so" "$out/opt/java/lib/libjawt.so"
# Any other link the runtime still has would point outside the image: replace it by its target.
find "$out/opt/java" -type l | while read -r link; do
  target="$(readlink -f "$link")"
  rm "$link"
  cp "$target" "$link"
done

# Every shared library the runtime's binaries and libraries load, with the dynamic loader, at the
# paths ldd reports (real files, no symlinks: Jib stores files, and the image must not point out).
libs="$(find "$out/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^[ \t]*\/[^ ]+ \(0x/ {print $1}' | sort -u)"
for lib in $libs; do
  case "$lib" in "$out"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done

# glibc's name service: files then DNS (nss_files and nss_dns are part of libc since 2.34).
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
printf 'root:x:0:0:root:/:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$out/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"
echo "rootfs.sh: $out: $(du -sh "$out" | cut -f1), modules $modules"
