package io.nanostream.concurrent;

import java.util.concurrent.locks.LockSupport;

/** Parks the thread for a fixed time: cheap on the CPU, latency of at least the park time. */
public final class SleepingIdleStrategy implements IdleStrategy
{
    /** The configuration name of this strategy. */
    public static final String ALIAS = "sleep";
    /** The default park time, in nanoseconds. */
    public static final long DEFAULT_SLEEP_NANOS = 1_000L;

    private final long sleepNanos;

    /** Parks for {@link #DEFAULT_SLEEP_NANOS}. */
    public SleepingIdleStrategy()
    {
        this(DEFAULT_SLEEP_NANOS);
    }

    /**
     * Parks for the given time.
     *
     * @param sleepNanos how long each idle parks, at least 1 ns.
     */
    public SleepingIdleStrategy(final long sleepNanos)
    {
        if (sleepNanos < 1)
        {
            throw new IllegalArgumentException("sleepNanos must be at least 1, was " + sleepNanos);
        }
        this.sleepNanos = sleepNanos;
    }

    @Override
    public void idle()
    {
        LockSupport.parkNanos(sleepNanos);
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String alias()
    {
        return ALIAS;
    }

    @Override
    public String toString()
    {
        return ALIAS + "(" + sleepNanos + "ns)";
    }
}
