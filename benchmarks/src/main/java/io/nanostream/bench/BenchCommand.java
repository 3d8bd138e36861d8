package io.nanostream.bench;

import io.nanostream.cli.CliExtension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code nano-stream bench}: runs every scenario of the chosen transports, ours and the anchors side by
 * side, one fresh JVM per scenario, implementations interleaved round by round.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measures Nano-Stream against its anchors (LMAX Disruptor, JCTools, Aeron) in one run, interleaved.",
        "With no transport: every transport, quickly. Ratios are ours / anchor, median of the per-round ratios."
    })
public final class BenchCommand implements CliExtension
{
    /** How long one scenario may take, all its JVMs together, unless {@code --timeout-s} says. */
    static final int DEFAULT_TIMEOUT_SECONDS = 180;

    @Parameters(arity = "0..*", paramLabel = "TRANSPORT", description = "Which transports: ring, ipc, udp, archive. Default: all, in quick mode (a subset of the scenarios; none of archive).")
    private List<String> transports = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object per scenario and implementation instead of a table.")
    private boolean json;

    @Option(names = "--rounds", description = "Rounds per scenario (default 5, or 3 in quick mode).")
    private Integer rounds;

    @Option(names = "--run-ms",
        description = "Target length of one measured run, in ms (default 500, or 200 in quick mode).")
    private Integer runMillis;

    @Option(names = "--warmup-ms",
        description = "Warm-up per implementation, in ms (default 2000, or 700 in quick mode).")
    private Integer warmupMillis;

    @Option(names = "--scenario", split = ",", description = "Only these scenarios, e.g. 1p1c,pingpong.")
    private List<String> onlyScenarios = new ArrayList<>();

    @Option(names = "--impl", split = ",", description = "Only these implementations, e.g. nano,disruptor.")
    private List<String> onlyImpls = new ArrayList<>();

    @Option(names = "--affinity", paramLabel = "none|same|cross",
        description = "Pin each scenario's threads: the driving thread (publisher, producer, pinger) to the first CPU the process " +
            "may use and the threads the shape starts (subscriber, consumers, ponger, driver agents) to the second (cross), or all " +
            "to the first (same). Default none. The scenario JVMs get native access for it.")
    private String affinity = "none";

    @Option(names = "--raw", description = "Also print every round's figures (JSON lines, to stderr).")
    private boolean raw;

    @Option(names = "--jvm", paramLabel = "same|separate|both",
        description = {"Where an anchor needs JVM flags of its own (Aeron): run it in the same JVMs as ours, interleaved (same),",
            "in JVMs of its own alternating with ours (separate), or both, as a second column. Default: both with a transport named, same otherwise."})
    private String jvmMode;

    @Option(names = "--timeout-s",
        description = "How long one scenario may take before it is stopped and reported as failed (default 180).")
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--catalog", hidden = true, description = "An extra ScenarioCatalog class (the bench's own tests).")
    private String extraCatalog;

    @Option(names = "--plot", paramLabel = "FILE",
        description = "Write every round-trip scenario's latency by percentile, ours beside each anchor, as a self-contained HTML file.")
    private Path plotFile;

    @Override
    public Integer call() throws Exception
    {
        final boolean quick = transports.isEmpty();
        final int rounds = this.rounds != null ? this.rounds : quick ? 3 : 5;
        final int runMillis = this.runMillis != null ? this.runMillis : quick ? 200 : 500;
        final int warmupMillis = this.warmupMillis != null ? this.warmupMillis : quick ? 700 : 2000;
        final String jvm = jvmMode != null ? jvmMode : quick ? "same" : "both";
        if (!List.of("none", "same", "cross").contains(affinity))
        {
            throw new IllegalArgumentException("--affinity=" + affinity + ": use none, same or cross");
        }
        if (!List.of("same", "separate", "both").contains(jvm))
        {
            throw new IllegalArgumentException("--jvm takes same, separate or both, not '" + jvm + "'");
        }
        final List<ScenarioCatalog> catalogs = Catalogs.all(extraCatalog);
        final List<ScenarioCatalog> chosen = new ArrayList<>();
        for (final String transport : transports)
        {
            chosen.add(catalogs.stream().filter(c -> c.transport().equals(transport)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport '" + transport + "'; choose from " +
                    catalogs.stream().map(ScenarioCatalog::transport).toList())));
        }
        if (chosen.isEmpty())
        {
            chosen.addAll(Catalogs.all());
        }

        final List<String[]> plan = new ArrayList<>();
        for (final ScenarioCatalog catalog : chosen)
        {
            for (final String scenario : quick && onlyScenarios.isEmpty() ?
                catalog.quickScenarios() : catalog.scenarios())
            {
                if (onlyScenarios.isEmpty() || onlyScenarios.contains(scenario))
                {
                    final List<String> impls = catalog.impls(scenario).stream()
                        .filter(i -> onlyImpls.isEmpty() || onlyImpls.contains(i)).toList();
                    if (!impls.isEmpty())
                    {
                        plan.add(new String[]{catalog.transport(), scenario, String.join(",", impls)});
                    }
                }
            }
        }
        if (plan.isEmpty())
        {
            throw new IllegalArgumentException("no scenario matches " + onlyScenarios + " / " + onlyImpls);
        }

        System.err.printf(Locale.ROOT,
            "nano-stream bench: %d scenarios, %d rounds of ~%d ms each, %d ms warm-up per implementation%n",
            plan.size(), rounds, runMillis, warmupMillis);
        final List<ScenarioSummary> summaries = new ArrayList<>();
        final List<String[]> failures = new ArrayList<>();
        int index = 0;
        for (final String[] step : plan)
        {
            index++;
            System.err.printf(Locale.ROOT, "[%d/%d] %s %s (%s) ... ", index, plan.size(), step[0], step[1], step[2]);
            final long start = System.nanoTime();
            final ScenarioCatalog catalog = catalogs.stream().filter(c -> c.transport().equals(step[0])).findFirst().orElseThrow();
            final int warmup = this.warmupMillis != null || catalog.isLatency(step[1]) ? warmupMillis :
                Math.max(warmupMillis, catalog.minimumWarmupMillis());
            try
            {
                summaries.add(runScenario(catalog, step[0], step[1], step[2], rounds, runMillis, warmup, jvm,
                    start + timeoutSeconds * 1_000_000_000L));
                System.err.printf(Locale.ROOT, "%.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            catch (final IllegalStateException ex)
            {
                // one scenario's failure is reported, and the others still run and print
                failures.add(failureRow(step[0], step[1], ex.getMessage()));
                System.err.printf(Locale.ROOT, "FAILED after %.1f s: %s%n", (System.nanoTime() - start) / 1e9,
                    ex.getMessage());
            }
        }

        System.err.println();
        final String machine = String.format(Locale.ROOT, "%d cores, %s, Java %s",
            Runtime.getRuntime().availableProcessors(), cpuModel(), Runtime.version());
        if (plotFile != null)
        {
            final PercentilePlot plot = new PercentilePlot();
            for (final ScenarioSummary summary : summaries)
            {
                if (summary.isLatency())
                {
                    plot.add(summary.transport() + " " + summary.scenario() + " (" + rounds + " rounds, same JVMs)",
                        summary.byImpl());
                }
            }
            plot.write(plotFile, machine + "; " + java.time.LocalDateTime.now().withNano(0));
            System.err.println("nano-stream bench: wrote " + plotFile.toAbsolutePath());
        }
        if (json)
        {
            summaries.forEach(s -> s.jsonLines().forEach(System.out::println));
            failures.forEach(row -> System.out.println(row[1]));
        }
        else
        {
            System.out.printf(Locale.ROOT, "%-6s %-18s %-10s %-44s %s%n", "where", "scenario", "impl", "median",
                "ours/anchor (min..max)");
            summaries.forEach(s -> s.tableRows().forEach(System.out::println));
            failures.forEach(row -> System.out.println(row[0]));
            System.out.printf(Locale.ROOT, "%n%s; ratios are the median (min..max) of per-round ratios, ours and the anchor measured in the same JVM%n",
                machine);
            System.out.println("which way is better: above 1x for throughput (ops/s, ours faster); below 1x for latency (p50, p99: ours quicker)");
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** A failed scenario as a table row and a JSON line. */
    private static String[] failureRow(final String transport, final String scenario, final String reason)
    {
        final String oneLine = reason == null ? "no reason given" : reason.replaceAll("\\s+", " ").strip();
        return new String[] {
            String.format(Locale.ROOT, "%-6s %-18s FAILED: %s", transport, scenario, oneLine),
            String.format(Locale.ROOT, "{\"transport\":\"%s\",\"scenario\":\"%s\",\"failed\":\"%s\"}", transport,
            scenario,
                oneLine.replace("\\", "\\\\").replace("\"", "\\\""))};
    }

    private ScenarioSummary runScenario(
        final ScenarioCatalog catalog, final String transport, final String scenario, final String impls,
        final int rounds, final int runMillis, final int warmupMillis, final String jvm,
        final long deadlineNanos) throws IOException, InterruptedException
    {
        final String[] implList = impls.split(",");
        final boolean flagsDiffer = List.of(implList).stream().map(catalog::jvmArgs).distinct().count() > 1;
        final Map<String, List<RoundResult>> byImpl = emptyResults(implList);
        final Map<String, List<RoundResult>> separate = new LinkedHashMap<>();
        if (!flagsDiffer || !jvm.equals("separate"))
        {
            // one JVM runs every implementation, interleaved: it carries the anchor's flags, which our code never reads
            runJvm(flagsDiffer ? unionOfFlags(catalog, implList) : catalog.jvmArgs(implList[0]), scenario, impls,
                rounds, runMillis, warmupMillis, 0, byImpl, deadlineNanos);
        }
        if (flagsDiffer && !jvm.equals("same"))
        {
            // the anchor in JVMs of its own, alternating with ours round by round
            final Map<String, List<RoundResult>> target = jvm.equals("separate") ? byImpl : emptyResults(implList);
            for (int round = 1; round <= rounds; round++)
            {
                for (int k = 0; k < implList.length; k++)
                {
                    final String impl = implList[(k + round) % implList.length];
                    runJvm(catalog.jvmArgs(impl), scenario, impl, 1, runMillis, warmupMillis, round - 1, target,
                        deadlineNanos);
                }
            }
            if (target != byImpl)
            {
                separate.putAll(target);
            }
        }
        if (byImpl.values().stream().anyMatch(List::isEmpty))
        {
            throw new IllegalStateException("scenario " + transport + " " + scenario +
                " produced no result for some implementation");
        }
        return new ScenarioSummary(transport, scenario, implList[0], byImpl, separate);
    }

    private static Map<String, List<RoundResult>> emptyResults(final String[] impls)
    {
        final Map<String, List<RoundResult>> results = new LinkedHashMap<>();
        for (final String impl : impls)
        {
            results.put(impl, new ArrayList<>());
        }
        return results;
    }

    private static List<String> unionOfFlags(final ScenarioCatalog catalog, final String[] impls)
    {
        final List<String> flags = new ArrayList<>();
        for (final String impl : impls)
        {
            final List<String> args = catalog.jvmArgs(impl);
            for (int i = 0; i < args.size(); i++)
            {
                // flags come as "--add-exports value" pairs: keep each pair once
                final boolean pair = args.get(i).startsWith("--") && i + 1 < args.size();
                final List<String> item = pair ? args.subList(i, i + 2) : args.subList(i, i + 1);
                if (!containsRun(flags, item))
                {
                    flags.addAll(item);
                }
                i += pair ? 1 : 0;
            }
        }
        return flags;
    }

    private static boolean containsRun(final List<String> list, final List<String> run)
    {
        for (int i = 0; i + run.size() <= list.size(); i++)
        {
            if (list.subList(i, i + run.size()).equals(run))
            {
                return true;
            }
        }
        return false;
    }

    private void runJvm(
        final List<String> jvmArgs, final String scenario, final String impls, final int rounds, final int runMillis,
        final int warmupMillis, final int roundOffset, final Map<String, List<RoundResult>> byImpl,
        final long deadlineNanos) throws IOException, InterruptedException
    {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"));
        command.addAll(jvmArgs);
        if (!affinity.equals("none"))
        {
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-D" + ThreadPlacementPlan.PROPERTY + "=" +
                affinity));
        }
        if (extraCatalog != null)
        {
            command.add("-D" + Catalogs.EXTRA_CATALOG + "=" + extraCatalog);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScenarioMain.class.getName(),
            scenario, impls, Integer.toString(rounds), Integer.toString(runMillis), Integer.toString(warmupMillis)));
        // stderr goes to a file: a child that writes much of it must not block on a pipe nobody reads until stdout ends
        final Path stderr = Files.createTempFile("nano-stream-bench-", ".err");
        final Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Thread reader = new Thread(() -> readLines(process, lines), "bench-scenario-output");
        reader.setDaemon(true);
        reader.start();
        final boolean ended = process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!ended)
        {
            process.destroyForcibly().waitFor();
        }
        reader.join();
        final String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        Files.deleteIfExists(stderr);
        if (!ended)
        {
            throw new IllegalStateException("scenario " + scenario + " (" + impls + ") exceeded its timeout of " +
                timeoutSeconds + " s (--timeout-s) and was stopped" + (errors.isBlank() ? "" : "; its last output: " +
                tail(errors)));
        }
        if (process.exitValue() != 0)
        {
            throw new IllegalStateException("scenario " + scenario + " (" + impls + ") failed (exit " +
                process.exitValue() + "): " + tail(errors));
        }
        for (final String line : lines)
        {
            final RoundResult parsed = RoundResult.parse(line);
            final RoundResult result = new RoundResult(parsed.scenario(), parsed.impl(), parsed.round() + roundOffset,
                parsed.opsPerS(), parsed.p50(), parsed.p90(), parsed.p99(), parsed.p999(), parsed.max(),
                parsed.histogram(), parsed.cpuMillisPerSecond());
            byImpl.get(result.impl()).add(result);
            if (raw)
            {
                System.err.println(line.replaceAll(",\"histogram\":\"[^\"]*\"", ""));
            }
        }
    }

    /** The result lines a scenario JVM prints, read as they come so that its pipe never fills. */
    private static void readLines(final Process process, final List<String> lines)
    {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                if (line.startsWith("{"))
                {
                    lines.add(line);
                }
            }
        }
        catch (final IOException ex)
        {
            // the process was stopped: what it printed before is kept
        }
    }

    /** Why a scenario JVM failed, from its stderr: the first exception, or else its last lines (not its whole log). */
    private static String tail(final String errors)
    {
        final List<String> lines = errors.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.stream().filter(line -> line.contains("Exception") || line.contains("Error:")).findFirst()
            .orElse(String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    }

    private static String cpuModel()
    {
        try
        {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown CPU");
        }
        catch (final IOException ex)
        {
            return "unknown CPU";
        }
    }
}
