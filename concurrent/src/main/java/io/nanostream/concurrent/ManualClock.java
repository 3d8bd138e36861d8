package io.nanostream.concurrent;

import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when told to: for tests and simulations of timeouts, liveness and lingering,
 * without sleeping. Both readings move together. Not thread-safe: move it from the thread that reads it,
 * or between duty cycles.
 */
public final class ManualClock implements Clock
{
    private long nanoTime;
    private long epochMillis;

    /**
     * A clock at the given instant.
     *
     * @param nanoTime    the monotonic reading.
     * @param epochMillis the wall-clock reading.
     */
    public ManualClock(final long nanoTime, final long epochMillis)
    {
        this.nanoTime = nanoTime;
        this.epochMillis = epochMillis;
    }

    /** A clock at 1 s monotonic and an arbitrary fixed wall-clock time. */
    public ManualClock()
    {
        this(1_000_000_000L, 1_700_000_000_000L);
    }

    /**
     * Moves both readings forward.
     *
     * @param amount how much.
     * @param unit   in what unit.
     * @return this clock.
     */
    public ManualClock advance(final long amount, final TimeUnit unit)
    {
        final long nanos = unit.toNanos(amount);
        if (nanos < 0)
        {
            throw new IllegalArgumentException("a clock only moves forward; asked to move by " + amount + " " + unit);
        }
        nanoTime += nanos;
        epochMillis += TimeUnit.NANOSECONDS.toMillis(nanos);
        return this;
    }

    @Override
    public long nanoTime()
    {
        return nanoTime;
    }

    @Override
    public long epochMillis()
    {
        return epochMillis;
    }
}
