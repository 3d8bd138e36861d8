package io.nanostream.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks for a fixed time between checks: little CPU when idle, at the cost
 * of up to one park time of latency. Producers never need to signal it.
 */
public final class SleepingWaitStrategy implements WaitStrategy
{
    /** Default number of checks before parking. */
    public static final int DEFAULT_RETRIES = 200;
    /** Default park time, in nanoseconds. */
    public static final long DEFAULT_SLEEP_NANOS = 100L;

    private final int retries;
    private final long sleepNanos;

    /** With {@link #DEFAULT_RETRIES} and {@link #DEFAULT_SLEEP_NANOS}. */
    public SleepingWaitStrategy()
    {
        this(DEFAULT_RETRIES, DEFAULT_SLEEP_NANOS);
    }

    /**
     * With the given tuning.
     *
     * @param retries    checks before parking: the first half spin, the second half yield.
     * @param sleepNanos how long each park lasts, at least 1.
     */
    public SleepingWaitStrategy(final int retries, final long sleepNanos)
    {
        if (retries < 0 || sleepNanos < 1)
        {
            throw new IllegalArgumentException("need retries >= 0 and sleepNanos >= 1; got " + retries + ", " + sleepNanos);
        }
        this.retries = retries;
        this.sleepNanos = sleepNanos;
    }

    @Override
    public long waitFor(final long sequence, final SequenceBarrier barrier)
    {
        long available;
        int counter = retries;
        while ((available = barrier.available(sequence)) < sequence)
        {
            barrier.checkAlert();
            if (counter > retries / 2)
            {
                counter--;
                Thread.onSpinWait();
            }
            else if (counter > 0)
            {
                counter--;
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(sleepNanos);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
    }

    @Override
    public boolean requiresSignal()
    {
        return false;
    }
}
