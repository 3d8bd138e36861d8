#!/usr/bin/env bash
# Checks scripts/env.sh, run by ./test.sh before the suite: the JDK check must find the version line whatever java prints
# before it ("Picked up JAVA_TOOL_OPTIONS ...", as many companies set it), and still tell a JDK 17 from a 25.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for options in "JAVA_TOOL_OPTIONS=-Dnanostream.check=1" "JDK_JAVA_OPTIONS=-Dnanostream.check=2"; do
    if ! env "$options" bash -c ". '$here/env.sh' >/dev/null 2>&1 && [ \"\$(java_major \"\$JAVA_HOME/bin/java\")\" -ge 25 ]"; then
        echo "check-env: with $options set, scripts/env.sh finds no JDK 25 (it read a 'Picked up' line as the version)" >&2
        exit 1
    fi
done
for old in /usr/lib/jvm/*17*; do
    if [ -x "$old/bin/java" ]; then
        major=$(bash -c ". '$here/env.sh' >/dev/null 2>&1; JAVA_TOOL_OPTIONS=-Dnanostream.check=3 java_major '$old/bin/java'")
        if [ "$major" != "17" ]; then
            echo "check-env: $old/bin/java read as version '$major', not 17" >&2
            exit 1
        fi
        break
    fi
done
echo "check-env: the JDK check reads the version with JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS set" >&2
