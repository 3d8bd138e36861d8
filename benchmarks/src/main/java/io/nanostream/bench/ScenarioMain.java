package io.nanostream.bench;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Runs one scenario for each of its implementations in this JVM, interleaved round by round, and
 * prints one JSON line per implementation per round. Started by {@code nano-stream bench} in a fresh
 * JVM per scenario, so that no scenario's JIT profile pollutes another's.
 *
 * <p>Every round builds its shape anew, warms it for {@link ScenarioCatalog#shapeWarmupMillis} (a shape
 * with a process of its own needs that JVM compiled before it means anything), then measures one run
 * sized from the rate seen in the warm-up phase. Rates and sizes count only the time inside
 * {@code run}, never the building of a shape.
 *
 * <p>Arguments: {@code scenario impl,impl,... rounds runMillis warmupMillis}.
 */
public final class ScenarioMain
{
    /** The fewest events per throughput run. */
    private static final long MIN_EVENTS = 100_000;

    /** Where the shapes' threads run ({@code nano-stream bench --affinity}). */
    private static ThreadPlacementPlan placement;

    private ScenarioMain()
    {
    }

    private static ThroughputShape throughput(final ScenarioCatalog catalog, final String scenario,
        final String impl) throws Exception
    {
        placement.beforeShape();
        final ThroughputShape shape = catalog.throughput(scenario, impl);
        placement.afterShape();
        return shape;
    }

    private static LatencyShape latency(final ScenarioCatalog catalog, final String scenario,
        final String impl) throws Exception
    {
        placement.beforeShape();
        final LatencyShape shape = catalog.latency(scenario, impl);
        placement.afterShape();
        return shape;
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
        placement = ThreadPlacementPlan.fromProperty();
        final long shapeWarmupNanos = catalog.shapeWarmupMillis(scenario) * 1_000_000L;
        if (catalog.isLatency(scenario))
        {
            runLatency(catalog, scenario, impls, rounds, runNanos, warmupNanos, shapeWarmupNanos);
        }
        else
        {
            runThroughput(catalog, scenario, impls, rounds, runNanos, warmupNanos, shapeWarmupNanos);
        }
    }

    private static void runThroughput(
        final ScenarioCatalog catalog, final String scenario, final List<String> impls,
        final int rounds, final long runNanos, final long warmupNanos, final long shapeWarmupNanos) throws Exception
    {
        final long fixed = catalog.fixedEvents(scenario);
        final List<Double> rates = new ArrayList<>();
        for (final String impl : impls)
        {
            if (fixed > 0)
            {
                rates.add(0.0); // not used: every round moves the fixed count
                continue;
            }
            long events = 1_000_000L;
            final long warmupEnd = System.nanoTime() + warmupNanos;
            double rate;
            do
            {
                try (ThroughputShape shape = throughput(catalog, scenario, impl))
                {
                    shape.run(Math.max(10_000L, events / 10));
                    rate = events * 1e9 / shape.run(events);
                }
                events = Math.max(MIN_EVENTS, (long)(rate * Math.min(runNanos, 300_000_000L) / 1e9));
            }
            while (System.nanoTime() < warmupEnd);
            rates.add(rate);
        }
        for (int round = 1; round <= rounds; round++)
        {
            for (int k = 0; k < impls.size(); k++)
            {
                final int i = (k + round) % impls.size();
                final double rate = rates.get(i);
                final long events = fixed > 0 ? fixed : Math.max(MIN_EVENTS, (long)(rate * runNanos / 1e9));
                final long elapsed;
                try (ThroughputShape shape = throughput(catalog, scenario, impls.get(i)))
                {
                    shape.run(fixed > 0 ? fixed / 10 : Math.max(10_000L,
                        Math.max(events / 10, (long)(rate * shapeWarmupNanos / 1e9))));
                    elapsed = shape.run(events);
                }
                System.out.printf(Locale.ROOT,
                    "{\"scenario\":\"%s\",\"impl\":\"%s\",\"round\":%d,\"events\":%d,\"elapsed_ns\":%d,\"ops_per_s\":%.0f}%n",
                    scenario, impls.get(i), round, events, elapsed, events * 1e9 / elapsed);
                System.out.flush();
            }
        }
    }

    private static void runLatency(
        final ScenarioCatalog catalog, final String scenario, final List<String> impls,
        final int rounds, final long runNanos, final long warmupNanos, final long shapeWarmupNanos) throws Exception
    {
        final long minRoundTrips = catalog.minimumRoundTrips(scenario);
        final long fixed = catalog.fixedEvents(scenario);
        final List<Double> rates = new ArrayList<>();
        for (final String impl : impls)
        {
            if (fixed > 0)
            {
                rates.add(0.0); // not used: every round moves the fixed count
                continue;
            }
            final long warmupEnd = System.nanoTime() + warmupNanos;
            long iterations = minRoundTrips;
            double perSecond;
            do
            {
                try (LatencyShape shape = latency(catalog, scenario, impl))
                {
                    final long start = System.nanoTime();
                    shape.run(iterations, newHistogram());
                    perSecond = iterations * 1e9 / (System.nanoTime() - start);
                }
                iterations = Math.max(minRoundTrips, (long)(perSecond * Math.min(runNanos, 300_000_000L) / 1e9));
            }
            while (System.nanoTime() < warmupEnd);
            rates.add(perSecond);
        }
        for (int round = 1; round <= rounds; round++)
        {
            for (int k = 0; k < impls.size(); k++)
            {
                final int i = (k + round) % impls.size();
                final double perSecond = rates.get(i);
                final long iterations = Math.max(minRoundTrips, (long)(perSecond * runNanos / 1e9));
                final Histogram histogram = newHistogram();
                final double cpu;
                final String cpuByThread;
                try (LatencyShape shape = latency(catalog, scenario, impls.get(i)))
                {
                    shape.run(Math.max(Math.min(1_000L, minRoundTrips / 10), Math.max(iterations / 10,
                        (long)(perSecond * shapeWarmupNanos / 1e9))), newHistogram());
                    shape.run(iterations, histogram);
                    cpu = shape.cpuMillisPerSecond();
                    cpuByThread = shape.cpuByThread();
                }
                System.out.printf(Locale.ROOT,
                    "{\"scenario\":\"%s\",\"impl\":\"%s\",\"round\":%d,\"events\":%d,\"rtt_p50_ns\":%d,\"rtt_p90_ns\":%d," +
                    "\"rtt_p99_ns\":%d,\"rtt_p999_ns\":%d,\"rtt_max_ns\":%d%s,\"histogram\":\"%s\"}%n",
                    scenario, impls.get(i), round, histogram.getTotalCount(),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                    Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, ",\"cpu_ms_per_s\":%.1f,\"cpu_by_thread\":\"%s\"", cpu,
                        cpuByThread.replace("\"", "'")), encode(histogram));
                System.out.flush();
            }
        }
    }

    static Histogram newHistogram()
    {
        return new Histogram(60_000_000_000L, 3);
    }

    static String encode(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }
}
