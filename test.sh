#!/usr/bin/env bash
# Runs the whole test suite (unit, stress, model-checking and layout tests) on JDK 25, then builds the API docs
# (target/apidocs, warnings are errors) and checks the ./nano-stream launcher.
# Extra arguments go to Maven and run just that, e.g. ./test.sh -pl ring -Dtest=RingBufferTest
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/scripts/env.sh"
cd "$here"
"$here/scripts/check-env.sh"
echo "test.sh: running the suite with $JAVA_HOME" >&2
if [ $# -gt 0 ]; then
    exec mvn -B -ntp verify "$@"
fi
mvn -B -ntp verify
"$here/scripts/javadoc.sh"
"$here/scripts/check-launcher.sh"
