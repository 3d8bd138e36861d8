#!/usr/bin/env bash
# Runs the whole test suite (unit, stress, model-checking and layout tests) on JDK 25.
# Extra arguments go to Maven, e.g. ./test.sh -pl ring -Dtest=RingBufferTest
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/scripts/env.sh"
cd "$here"
"$here/scripts/check-env.sh"
echo "test.sh: running the suite with $JAVA_HOME" >&2
exec mvn -B -ntp verify "$@"
