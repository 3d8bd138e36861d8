package io.nanostream.bench;

import org.HdrHistogram.Histogram;

/** One implementation of a round-trip scenario, set up once and run many times in one JVM. */
public interface LatencyShape extends AutoCloseable
{
    /**
     * Bounces {@code iterations} messages one at a time and records each round trip.
     *
     * @param iterations how many round trips.
     * @param histogram  where to record each round trip, in nanoseconds.
     */
    void run(long iterations, Histogram histogram) throws Exception;

    /**
     * The CPU time the shape's driver and client threads used during the last {@link #run}, per second of it.
     *
     * @return milliseconds of CPU per second, or NaN if the shape does not measure it.
     */
    default double cpuMillisPerSecond()
    {
        return Double.NaN;
    }

    /**
     * Where that CPU time went, for a diagnosis: the busiest threads' names with their milliseconds per second.
     *
     * @return e.g. {@code "driver-conductor=120;rate-subscriber=95"}, or empty.
     */
    default String cpuByThread()
    {
        return "";
    }

    @Override
    void close() throws Exception;
}
