package io.nanostream.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one scenario for each of its implementations in this JVM, interleaved round by round, and
 * prints one JSON line per implementation per round. Started by {@code nano-stream bench} in a fresh
 * JVM per scenario, so that no scenario's JIT profile pollutes another's.
 *
 * <p>Arguments: {@code scenario impl,impl,... rounds runMillis warmupMillis}.
 */
public final class ScenarioMain
{
    private ScenarioMain()
    {
    }

    /**
     * Entry point.
     *
     * @param args scenario, implementations, rounds, run time and warm-up time in milliseconds.
     * @throws Exception if a run fails its checks.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length != 5)
        {
            throw new IllegalArgumentException("usage: ScenarioMain scenario impl,impl rounds runMillis warmupMillis");
        }
        final String scenario = args[0];
        final List<String> impls = List.of(args[1].split(","));
        final int rounds = Integer.parseInt(args[2]);
        final long runNanos = Long.parseLong(args[3]) * 1_000_000L;
        final long warmupNanos = Long.parseLong(args[4]) * 1_000_000L;
        final ScenarioCatalog catalog = Catalogs.forScenario(scenario);
        if (catalog.isLatency(scenario))
        {
            runLatency(catalog, scenario, impls, rounds, runNanos, warmupNanos);
        }
        else
        {
            runThroughput(catalog, scenario, impls, rounds, runNanos, warmupNanos);
        }
    }

    private static void runThroughput(
        final ScenarioCatalog catalog, final String scenario, final List<String> impls,
        final int rounds, final long runNanos, final long warmupNanos) throws Exception
    {
        final List<Long> eventsPerRun = new ArrayList<>();
        for (final String impl : impls)
        {
            long events = 1_000_000L;
            final long warmupEnd = System.nanoTime() + warmupNanos;
            double rate;
            do
            {
                final long elapsed = runOnce(catalog, scenario, impl, events);
                rate = events * 1e9 / elapsed;
                events = Math.max(100_000L, (long)(rate * Math.min(runNanos, 300_000_000L) / 1e9));
            }
            while (System.nanoTime() < warmupEnd);
            eventsPerRun.add(Math.max(100_000L, (long)(rate * runNanos / 1e9)));
        }
        for (int round = 1; round <= rounds; round++)
        {
            for (int k = 0; k < impls.size(); k++)
            {
                final int i = (k + round) % impls.size();
                final long events = eventsPerRun.get(i);
                final long elapsed = runOnce(catalog, scenario, impls.get(i), events);
                System.out.printf(Locale.ROOT,
                    "{\"scenario\":\"%s\",\"impl\":\"%s\",\"round\":%d,\"events\":%d,\"elapsed_ns\":%d,\"ops_per_s\":%.0f}%n",
                    scenario, impls.get(i), round, events, elapsed, events * 1e9 / elapsed);
                System.out.flush();
            }
        }
    }

    private static long runOnce(final ScenarioCatalog catalog, final String scenario, final String impl, final long events)
        throws Exception
    {
        try (ThroughputShape shape = catalog.throughput(scenario, impl))
        {
            shape.run(Math.max(10_000L, events / 10)); // a fresh shape warms up (first touches, caches) unmeasured
            return shape.run(events);
        }
    }

    private static void runLatency(
        final ScenarioCatalog catalog, final String scenario, final List<String> impls,
        final int rounds, final long runNanos, final long warmupNanos) throws Exception
    {
        final List<Long> iterationsPerRun = new ArrayList<>();
        for (final String impl : impls)
        {
            final long warmupEnd = System.nanoTime() + warmupNanos;
            long iterations = MIN_ROUND_TRIPS;
            double perSecond;
            do
            {
                final Histogram histogram = newHistogram();
                final long start = System.nanoTime();
                try (LatencyShape shape = catalog.latency(scenario, impl))
                {
                    shape.run(iterations, histogram);
                }
                perSecond = iterations * 1e9 / (System.nanoTime() - start);
                iterations = Math.max(MIN_ROUND_TRIPS, (long)(perSecond * Math.min(runNanos, 300_000_000L) / 1e9));
            }
            while (System.nanoTime() < warmupEnd);
            iterationsPerRun.add(Math.max(MIN_ROUND_TRIPS, (long)(perSecond * runNanos / 1e9)));
        }
        for (int round = 1; round <= rounds; round++)
        {
            for (int k = 0; k < impls.size(); k++)
            {
                final int i = (k + round) % impls.size();
                final Histogram histogram = newHistogram();
                try (LatencyShape shape = catalog.latency(scenario, impls.get(i)))
                {
                    shape.run(Math.max(1_000L, iterationsPerRun.get(i) / 10), newHistogram()); // unmeasured warm-up
                    shape.run(iterationsPerRun.get(i), histogram);
                }
                System.out.printf(Locale.ROOT,
                    "{\"scenario\":\"%s\",\"impl\":\"%s\",\"round\":%d,\"events\":%d,\"rtt_p50_ns\":%d,\"rtt_p90_ns\":%d," +
                    "\"rtt_p99_ns\":%d,\"rtt_p999_ns\":%d,\"rtt_max_ns\":%d}%n",
                    scenario, impls.get(i), round, histogram.getTotalCount(),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
                System.out.flush();
            }
        }
    }

    /** The fewest round trips per run: enough for a p99.9, few enough that a 50 us UDP round trip stays quick. */
    private static final long MIN_ROUND_TRIPS = 2_000;

    private static Histogram newHistogram()
    {
        return new Histogram(60_000_000_000L, 3);
    }
}
