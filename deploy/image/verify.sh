#!/usr/bin/env bash
# Checks an image tar for real: unpacks its layers, in order, into a directory and runs the
# image's entrypoint there with chroot (root only), `--version`, which must print the version.
# Also checks the entrypoint in the image configuration, a component's --help, and a running agent
# answering /healthz and /metrics.
#
#   deploy/image/verify.sh deploy/image/target/pipelens-image.tar
set -euo pipefail
tar_file="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/image" "$work/rootfs"
tar --warning=no-unknown-keyword -xf "$tar_file" -C "$work/image"

# The layer files and the config, from an OCI layout (index.json) or a docker-load tar (manifest.json).
python3 - "$work/image" > "$work/layers" <<'PY'
import json, os, sys
d = sys.argv[1]
def blob(digest):
    return os.path.join(d, "blobs", *digest.split(":"))
if os.path.exists(os.path.join(d, "index.json")):
    index = json.load(open(os.path.join(d, "index.json")))
    manifest = json.load(open(blob(index["manifests"][0]["digest"])))
    config = blob(manifest["config"]["digest"])
    layers = [blob(l["digest"]) for l in manifest["layers"]]
else:
    manifest = json.load(open(os.path.join(d, "manifest.json")))[0]
    config = os.path.join(d, manifest["Config"])
    layers = [os.path.join(d, l) for l in manifest["Layers"]]
print("config " + config)
for l in layers:
    print("layer " + l)
PY
config="$(awk '$1 == "config" {print $2}' "$work/layers")"
entrypoint="$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["config"]["Entrypoint"]))' "$config")"
[ "$entrypoint" = "/opt/java/bin/java -XX:+ExitOnOutOfMemoryError -jar /app/pipelens.jar" ] \
  || { echo "verify.sh: unexpected entrypoint: $entrypoint" >&2; exit 1; }
n=0
for layer in $(awk '$1 == "layer" {print $2}' "$work/layers"); do
  tar --warning=no-unknown-keyword -xzf "$layer" -C "$work/rootfs"
  n=$((n + 1))
done

size="$(du -sh "$work/rootfs" | cut -f1)"

# What a container runtime provides besides the image: /proc (the dynamic loader resolves the
# java launcher's $ORIGIN rpath through /proc/self/exe) and the basic /dev nodes. Nothing of the
# host's filesystem is visible in the chroot.
mkdir -p "$work/rootfs/proc" "$work/rootfs/dev"
mount -t proc proc "$work/rootfs/proc"
mount -t tmpfs -o size=64k,mode=755 tmpfs "$work/rootfs/dev"
trap 'umount "$work/rootfs/dev" "$work/rootfs/proc" 2>/dev/null; rm -rf "$work"' EXIT
mknod -m 666 "$work/rootfs/dev/null" c 1 3
mknod -m 666 "$work/rootfs/dev/zero" c 1 5
mknod -m 666 "$work/rootfs/dev/random" c 1 8
mknod -m 666 "$work/rootfs/dev/urandom" c 1 9
chroot_bin="$(command -v chroot)"
run() {
  env -i PATH=/opt/java/bin LANG=C.UTF-8 ${JDK_JAVA_OPTIONS:+JDK_JAVA_OPTIONS="$JDK_JAVA_OPTIONS"} \
    "$chroot_bin" "$work/rootfs" $entrypoint "$@"
}
version="$(run --version)"
# A component's help loads its configuration classes and prints its example configuration.
run agent --help > "$work/agent-help" || { echo "verify.sh: pipelens agent --help failed" >&2; exit 1; }
grep -q 'inputs:' "$work/agent-help" || { echo "verify.sh: agent --help printed no example configuration" >&2; exit 1; }
# A component for real: an agent with no inputs serves its operations endpoints; /healthz answers.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$work/rootfs/tmp"
printf 'http: {host: 127.0.0.1, port: %s}\ndata_dir: /tmp/agent\n' "$port" > "$work/rootfs/tmp/agent.yaml"
# JDK_JAVA_OPTIONS, as the DaemonSet sets it: the java entrypoint reads it itself, and the image's
# runtime must know every option in it.
daemonset_options="$(sed -n '/name: JDK_JAVA_OPTIONS/{n;s/^ *value: //p}' "$root/deploy/daemonset/agent-daemonset.yaml")"
[ -n "$daemonset_options" ] || { echo "verify.sh: no JDK_JAVA_OPTIONS in deploy/daemonset/agent-daemonset.yaml" >&2; exit 1; }
JDK_JAVA_OPTIONS="$daemonset_options" run agent --config /tmp/agent.yaml > "$work/agent.log" 2>&1 &
agent=$!
healthz=""
for _ in $(seq 1 100); do
  healthz="$(curl -sf "http://127.0.0.1:$port/healthz" || true)"
  [ -n "$healthz" ] && break
  kill -0 "$agent" 2>/dev/null || break # the JVM refused an option, or the agent failed to start
  sleep 0.2
done
metrics="$(curl -sf "http://127.0.0.1:$port/metrics" | grep -c '^pipelens_build_info' || true)"
kill -TERM "$agent" 2>/dev/null || true
wait "$agent" || true
grep -q 'Picked up JDK_JAVA_OPTIONS: -Xmx96m' "$work/agent.log" \
  || { echo "verify.sh: the java entrypoint ignored JDK_JAVA_OPTIONS:" >&2; cat "$work/agent.log" >&2; exit 1; }
[ "$healthz" = "ok" ] && [ "$metrics" = "1" ] \
  || { echo "verify.sh: the agent in the image did not serve /healthz and /metrics:" >&2; cat "$work/agent.log" >&2; exit 1; }
echo "verify.sh: $n layers, $size unpacked; in a chroot: --version printed '$version', agent --help and a running agent's /healthz and /metrics answered"
case "$version" in
  *[0-9].[0-9]*|*dev*) ;;
  *) echo "verify.sh: --version printed no version" >&2; exit 1 ;;
esac
