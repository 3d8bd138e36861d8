package io.nanostream.concurrent;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks for a time that doubles up to a maximum: quick to react after short
 * gaps, cheap on the CPU after long ones. Keeps state, so use one instance per thread.
 */
public final class BackoffIdleStrategy implements IdleStrategy
{
    /** The configuration name of this strategy. */
    public static final String ALIAS = "backoff";
    /**
     * Default number of spins before yielding: few, because a spinning thread keeps a thread that has work off a shared
     * core (BENCHMARKS.md, UDP round trips).
     */
    public static final int DEFAULT_MAX_SPINS = 10;
    /**
     * Default number of yields before parking: two. Each yield is a system call that costs about a microsecond of CPU
     * when nothing else waits to run; at 10,000 messages a second ten of them cost a subscriber 100 ms of CPU a second
     * more than two do, with the same p50 and p99 (BENCHMARKS.md, the rate shapes);
     * Agrona's back-off yields five times.
     */
    public static final int DEFAULT_MAX_YIELDS = 2;
    /** Default first park time, in nanoseconds. */
    public static final long DEFAULT_MIN_PARK_NANOS = 1_000L;
    /** Default longest park time, in nanoseconds. */
    public static final long DEFAULT_MAX_PARK_NANOS = 1_000_000L;

    private final int maxSpins;
    private final int maxYields;
    private final long minParkNanos;
    private final long maxParkNanos;

    private int spins;
    private int yields;
    private long parkNanos;

    /** A back-off with the default steps. */
    public BackoffIdleStrategy()
    {
        this(DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_MIN_PARK_NANOS, DEFAULT_MAX_PARK_NANOS);
    }

    /**
     * A back-off with the given steps.
     *
     * @param maxSpins     spins before yielding (0 or more).
     * @param maxYields    yields before parking (0 or more).
     * @param minParkNanos first park time (at least 1).
     * @param maxParkNanos longest park time (at least {@code minParkNanos}).
     */
    public BackoffIdleStrategy(final int maxSpins, final int maxYields, final long minParkNanos,
        final long maxParkNanos)
    {
        if (maxSpins < 0 || maxYields < 0 || minParkNanos < 1 || maxParkNanos < minParkNanos)
        {
            throw new IllegalArgumentException(
                "need maxSpins >= 0, maxYields >= 0, 1 <= minParkNanos <= maxParkNanos; got " +
                maxSpins + ", " + maxYields + ", " + minParkNanos + ", " + maxParkNanos);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        reset();
    }

    @Override
    public void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (yields < maxYields)
        {
            yields++;
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }

    @Override
    public void reset()
    {
        spins = 0;
        yields = 0;
        parkNanos = minParkNanos;
    }

    /** The park time the next parking idle would use; for tests. */
    long nextParkNanos()
    {
        return spins < maxSpins || yields < maxYields ? 0 : parkNanos;
    }

    @Override
    public String alias()
    {
        return ALIAS;
    }

    @Override
    public String toString()
    {
        return ALIAS + "(spins=" + maxSpins + ", yields=" + maxYields + ", park=" + minParkNanos + ".." +
            maxParkNanos + "ns)";
    }
}
