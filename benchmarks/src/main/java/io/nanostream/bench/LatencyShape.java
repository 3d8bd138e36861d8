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

    @Override
    void close() throws Exception;
}
