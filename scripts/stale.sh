# Sourced by ./nano-stream: whether a module's jar must be rebuilt before it runs.
# stale_reason ROOT MODULE prints why (first use, or the first changed file), or nothing when the jar is up to date.
# Only what goes into the jar counts: main sources, resources and POMs, never build output (target/, where the
# benchmarks' annotation processor writes .java files) nor tests. The command line tool does not run on the benchmarks,
# the examples or the test-only modules, so their changes do not rebuild it.

stale_reason() {
    local root="$1" module="$2" target jar changed
    target="$root/$module/target"
    jar=$(ls "$target"/nano-stream-"$module"-*.jar 2>/dev/null | grep -v -- '-sources\|-tests\|-javadoc' | head -n 1 || true)
    if [ -z "$jar" ] || [ ! -d "$target/lib" ]; then
        echo "first use"
        return 0
    fi
    local skip=(-path "$root/.git")
    if [ "$module" != benchmarks ]; then
        skip+=(-o -path "$root/benchmarks" -o -path "$root/examples" -o -path "$root/stress" -o -path "$root/disruptor-compat")
    fi
    changed=$(find "$root" \( "${skip[@]}" -o -name target -o -name node_modules -o -path '*/src/test' \) -prune -o \
        \( -path '*/src/main/*' -type f -o -name pom.xml \) -newer "$jar" -print -quit)
    if [ -n "$changed" ]; then
        echo "${changed#"$root"/} changed"
    fi
}
