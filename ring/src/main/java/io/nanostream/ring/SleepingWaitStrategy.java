package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks for a fixed time between checks: little CPU when idle, at the cost
 * of up to one park time of latency. Producers never need to signal it. An interrupt while parking
 * ends the wait with an {@link AlertException}, as the blocking strategies report it.
 */
public final class SleepingWaitStrategy extends BarrierWaitStrategy
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
     * With the given number of checks before parking, and {@link #DEFAULT_SLEEP_NANOS}.
     *
     * @param retries checks before parking: the first half spin, the second half yield; 0 parks at once.
     */
    public SleepingWaitStrategy(final int retries)
    {
        this(retries, DEFAULT_SLEEP_NANOS);
    }

    /**
     * With the given tuning.
     *
     * @param retries    checks before parking: the first half spin, the second half yield; 0 parks at once.
     * @param sleepNanos how long each park lasts, at least 1.
     */
    public SleepingWaitStrategy(final int retries, final long sleepNanos)
    {
        if (retries < 0 || sleepNanos < 1)
        {
            throw new IllegalArgumentException("need retries >= 0 and sleepNanos >= 1; got " + retries + ", " +
                sleepNanos);
        }
        this.retries = retries;
        this.sleepNanos = sleepNanos;
    }

    @Override
    void await(final long sequence, final ProcessingSequenceBarrier barrier)
    {
        int counter = retries;
        while (barrier.available(sequence) < sequence)
        {
            barrier.checkAlert();
            counter = idle(counter);
        }
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependent,
        final SequenceBarrier barrier)
    {
        long available;
        int counter = retries;
        while ((available = dependent.get()) < sequence)
        {
            barrier.checkAlert();
            counter = idle(counter);
        }
        return available;
    }

    private int idle(final int counter)
    {
        if (counter > retries / 2)
        {
            Thread.onSpinWait();
            return counter - 1;
        }
        if (counter > 0)
        {
            Thread.yield();
            return counter - 1;
        }
        if (Thread.currentThread().isInterrupted())
        {
            throw AlertException.INSTANCE; // a park returns at once while interrupted: stop, and keep the interrupt
        }
        LockSupport.parkNanos(sleepNanos);
        return 0;
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
