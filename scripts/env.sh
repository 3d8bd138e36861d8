# Sourced by ./nano-stream and ./test.sh: finds a JDK 25+ and Maven, or says what to install.
# JAVA_HOME wins if it is 25 or newer; otherwise the newest JDK 25+ under /usr/lib/jvm (or /opt/java).

java_major() {
    # prints the major version of the java binary $1, or nothing; the line that names the version, as JAVA_TOOL_OPTIONS
    # and JDK_JAVA_OPTIONS make java print "Picked up ..." before it
    local line
    line=$("$1" -version 2>&1 | grep -m 1 ' version "') || return 0
    line=${line#*version \"}
    line=${line%%\"*}
    case "$line" in
        1.*) line=${line#1.} ;;
    esac
    echo "${line%%[.+-]*}"
}

find_jdk() {
    local candidate major best="" best_major=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(java_major "$JAVA_HOME/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
            echo "$JAVA_HOME"
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate/bin/java")
        [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null || continue
        if [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    if [ -n "$best" ]; then
        echo "$best"
        return 0
    fi
    return 1
}

if ! NS_JAVA_HOME=$(find_jdk); then
    {
        echo "nano-stream: no JDK 25 or newer found."
        echo "  looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm, /opt/java, /usr/local/lib/jvm"
        echo "  install one, e.g. Temurin 25 from https://adoptium.net (Debian/Ubuntu: apt-get install temurin-25-jdk"
        echo "  from the Adoptium repository), or set JAVA_HOME to a JDK 25+ that is already installed."
    } >&2
    exit 2
fi
export JAVA_HOME="$NS_JAVA_HOME"
export PATH="$JAVA_HOME/bin:$PATH"

if ! command -v mvn >/dev/null 2>&1; then
    echo "nano-stream: Maven (mvn) is needed to build; install Maven 3.8 or newer (Debian/Ubuntu: apt-get install maven)." >&2
    exit 2
fi
# Maven's own Guava uses sun.misc.Unsafe; keep its warning out of our output (this flag is for Maven's JVM only)
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
