package io.nanostream.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One implementation's figures for one round of a scenario, as a child JVM printed them.
 *
 * @param scenario  the scenario.
 * @param impl      the implementation.
 * @param round     the round, from 1.
 * @param opsPerS   throughput, or NaN for a round-trip scenario.
 * @param p50       round-trip median in ns, or -1.
 * @param p90       90th percentile in ns, or -1.
 * @param p99       99th percentile in ns, or -1.
 * @param p999      99.9th percentile in ns, or -1.
 * @param max       maximum in ns, or -1.
 * @param histogram the round trips as a compressed, base64-encoded HdrHistogram, or null.
 * @param cpuMillisPerSecond CPU time the shape's driver and client threads used per second of the run, or NaN.
 */
public record RoundResult(
    String scenario, String impl, int round, double opsPerS, long p50, long p90, long p99, long p999, long max,
    String histogram, double cpuMillisPerSecond)
{
    private static final Pattern FIELD = Pattern.compile("\"([a-z0-9_]+)\":(\"[^\"]*\"|[-0-9.eE]+)");

    /**
     * Parses one line printed by {@link ScenarioMain}.
     *
     * @param line the JSON line.
     * @return the result.
     */
    public static RoundResult parse(final String line)
    {
        String scenario = null;
        String impl = null;
        int round = 0;
        double ops = Double.NaN;
        final long[] rtt = {-1, -1, -1, -1, -1};
        String histogram = null;
        double cpu = Double.NaN;
        final Matcher matcher = FIELD.matcher(line);
        while (matcher.find())
        {
            final String value = matcher.group(2).replace("\"", "");
            switch (matcher.group(1))
            {
                case "scenario" -> scenario = value;
                case "impl" -> impl = value;
                case "round" -> round = Integer.parseInt(value);
                case "ops_per_s" -> ops = Double.parseDouble(value);
                case "rtt_p50_ns" -> rtt[0] = Long.parseLong(value);
                case "rtt_p90_ns" -> rtt[1] = Long.parseLong(value);
                case "rtt_p99_ns" -> rtt[2] = Long.parseLong(value);
                case "rtt_p999_ns" -> rtt[3] = Long.parseLong(value);
                case "rtt_max_ns" -> rtt[4] = Long.parseLong(value);
                case "histogram" -> histogram = value;
                case "cpu_ms_per_s" -> cpu = Double.parseDouble(value);
                default ->
                {
                }
            }
        }
        if (scenario == null || impl == null)
        {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        return new RoundResult(scenario, impl, round, ops, rtt[0], rtt[1], rtt[2], rtt[3], rtt[4], histogram, cpu);
    }

    /**
     * Whether this is a round-trip result.
     *
     * @return true if it carries percentiles.
     */
    public boolean isLatency()
    {
        return p50 >= 0;
    }

    /**
     * The round's round trips, decoded.
     *
     * @return the histogram, or null if the round carried none.
     */
    public org.HdrHistogram.Histogram decodeHistogram()
    {
        if (histogram == null)
        {
            return null;
        }
        try
        {
            return org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(
                java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(histogram)), 0);
        }
        catch (final java.util.zip.DataFormatException ex)
        {
            throw new IllegalStateException("round " + round + " of " + scenario + " (" + impl +
                ") carried a damaged histogram", ex);
        }
    }
}
