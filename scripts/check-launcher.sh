#!/usr/bin/env bash
# Checks ./nano-stream, run by ./test.sh after the build: JAVA_OPTS and NANO_STREAM_OPTS reach the tool's JVM, and the
# launcher rebuilds a module only when something that goes into its jar changed (not build output, not tests, not the
# benchmarks' generated sources, which made every command after `bench` rebuild the tool).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
. "$here/stale.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "check-launcher: $*" >&2; exit 1; }

# a tree shaped like the repository, with the cli jar built after every source
mkdir -p "$scratch/cli/target/lib" "$scratch/cli/src/main/java" "$scratch/cli/src/test/java" "$scratch/client/src/main/resources" \
    "$scratch/benchmarks/target/generated-sources/annotations" "$scratch/benchmarks/src/main/java" "$scratch/client/target/classes"
touch -d '2 days ago' "$scratch/pom.xml" "$scratch/cli/src/main/java/Main.java"
touch -d '1 day ago' "$scratch/cli/target/nano-stream-cli-0.1.0-SNAPSHOT.jar"
[ -z "$(stale_reason "$scratch" cli)" ] || fail "a fresh jar reads as stale: $(stale_reason "$scratch" cli)"
for output in benchmarks/target/generated-sources/annotations/Bench_jmhType.java client/target/classes/Generated.java \
    cli/src/test/java/SomeTest.java benchmarks/src/main/java/Shape.java; do
    touch "$scratch/$output"
    reason=$(stale_reason "$scratch" cli)
    [ -z "$reason" ] || fail "$output, which is not in the tool's jar, makes it rebuild ($reason)"
done
touch "$scratch/client/src/main/resources/settings.properties"
[ "$(stale_reason "$scratch" cli)" = "client/src/main/resources/settings.properties changed" ] ||
    fail "a changed resource of a module the tool runs on does not rebuild it: '$(stale_reason "$scratch" cli)'"
[ "$(stale_reason "$scratch" benchmarks)" = "first use" ] || fail "a module never built does not read as first use"

# options reach the JVM: the property names the directory that `stat` looks in
for variable in JAVA_OPTS NANO_STREAM_OPTS; do
    out=$(env "$variable=-Xmx64m -Dnanostream.dir=$scratch/no-driver-$variable" "$root/nano-stream" stat --once 2>&1 || true)
    case "$out" in
        *"no media driver in $scratch/no-driver-$variable"*) ;;
        *) fail "$variable did not reach the tool's JVM: $out" ;;
    esac
done
echo "check-launcher: options reach the tool's JVM, and only its own sources rebuild it" >&2
