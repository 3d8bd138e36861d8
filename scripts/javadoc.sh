#!/usr/bin/env bash
# Builds one linked Javadoc for every library module (the API the modules export) into target/apidocs, with every
# doclint check on and warnings as errors, so that a broken reference or a public type without docs fails ./test.sh.
# Usage: scripts/javadoc.sh [output directory]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
. "$here/env.sh"
out="${1:-$root/target/apidocs}"
modules=(concurrent natives ring buffer log client driver archive)
paths=()
names=()
for module in "${modules[@]}"; do
    name=$(sed -n 's/^module \([a-z.]*\) {.*/\1/p' "$root/$module/src/main/java/module-info.java")
    paths+=(--module-source-path "$name=$root/$module/src/main/java")
    names+=("$name")
done
rm -rf "$out"
mkdir -p "$out"
(IFS=,; "$JAVA_HOME/bin/javadoc" -quiet -Xdoclint:all -Werror -Xmaxwarns 1000 -d "$out" \
    -doctitle "Nano-Stream API" -windowtitle "Nano-Stream API" \
    "${paths[@]}" --module "${names[*]}")
echo "javadoc: ${#names[@]} modules in $out/index.html" >&2
