package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.TimeUnit;

/**
 * Spins for a while, then spins with a yield every 10,000 checks, then hands over to a fallback strategy
 * (typically a blocking one): low latency for bursts, low CPU when idle.
 */
public final class PhasedBackoffWaitStrategy extends BarrierWaitStrategy
{
    private static final int CHECKS_BETWEEN_CLOCK_READS = 10_000;

    private final long spinTimeoutNanos;
    private final long yieldTimeoutNanos;
    private final WaitStrategy fallback;

    /**
     * Creates the strategy.
     *
     * @param spinTimeout  how long to spin.
     * @param yieldTimeout how long to yield after spinning.
     * @param unit         the unit of both times.
     * @param fallback     the strategy used after that.
     */
    public PhasedBackoffWaitStrategy(
        final long spinTimeout, final long yieldTimeout, final TimeUnit unit, final WaitStrategy fallback)
    {
        if (unit == null)
        {
            throw new NullPointerException("unit is null");
        }
        if (fallback == null)
        {
            throw new NullPointerException("fallback is null; use e.g. new LiteBlockingWaitStrategy()");
        }
        if (spinTimeout < 0 || yieldTimeout < 0)
        {
            throw new IllegalArgumentException("timeouts must not be negative: " + spinTimeout + ", " + yieldTimeout);
        }
        this.spinTimeoutNanos = unit.toNanos(spinTimeout);
        this.yieldTimeoutNanos = spinTimeoutNanos + unit.toNanos(yieldTimeout);
        this.fallback = fallback;
    }

    /**
     * Spins, yields, then blocks with a {@link BlockingWaitStrategy}.
     *
     * @param spinTimeout  how long to spin.
     * @param yieldTimeout how long to yield.
     * @param unit         the unit of both times.
     * @return the strategy.
     */
    public static PhasedBackoffWaitStrategy withLock(final long spinTimeout, final long yieldTimeout,
        final TimeUnit unit)
    {
        return new PhasedBackoffWaitStrategy(spinTimeout, yieldTimeout, unit, new BlockingWaitStrategy());
    }

    /**
     * Spins, yields, then blocks with a {@link LiteBlockingWaitStrategy}.
     *
     * @param spinTimeout  how long to spin.
     * @param yieldTimeout how long to yield.
     * @param unit         the unit of both times.
     * @return the strategy.
     */
    public static PhasedBackoffWaitStrategy withLiteLock(final long spinTimeout, final long yieldTimeout,
        final TimeUnit unit)
    {
        return new PhasedBackoffWaitStrategy(spinTimeout, yieldTimeout, unit, new LiteBlockingWaitStrategy());
    }

    /**
     * Spins, yields, then parks between checks with a {@link SleepingWaitStrategy} that parks at once.
     *
     * @param spinTimeout  how long to spin.
     * @param yieldTimeout how long to yield.
     * @param unit         the unit of both times.
     * @return the strategy.
     */
    public static PhasedBackoffWaitStrategy withSleep(final long spinTimeout, final long yieldTimeout,
        final TimeUnit unit)
    {
        return new PhasedBackoffWaitStrategy(spinTimeout, yieldTimeout, unit, new SleepingWaitStrategy(0));
    }

    @Override
    void await(final long sequence, final ProcessingSequenceBarrier barrier) throws InterruptedException,
        TimeoutException
    {
        long startNanos = 0;
        int counter = CHECKS_BETWEEN_CLOCK_READS;
        while (barrier.available(sequence) < sequence)
        {
            barrier.checkAlert();
            if (--counter == 0)
            {
                counter = CHECKS_BETWEEN_CLOCK_READS;
                if (startNanos == 0)
                {
                    startNanos = System.nanoTime();
                }
                else if (backOff(System.nanoTime() - startNanos))
                {
                    if (fallback instanceof BarrierWaitStrategy ours)
                    {
                        ours.await(sequence, barrier);
                    }
                    else
                    {
                        fallback.waitFor(sequence, barrier.sequencer.cursorSequence(), barrier.dependentSequence(),
                            barrier);
                    }
                    return;
                }
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependent,
        final SequenceBarrier barrier) throws InterruptedException, TimeoutException
    {
        long available;
        long startNanos = 0;
        int counter = CHECKS_BETWEEN_CLOCK_READS;
        while ((available = dependent.get()) < sequence)
        {
            barrier.checkAlert();
            if (--counter == 0)
            {
                counter = CHECKS_BETWEEN_CLOCK_READS;
                if (startNanos == 0)
                {
                    startNanos = System.nanoTime();
                }
                else if (backOff(System.nanoTime() - startNanos))
                {
                    return fallback.waitFor(sequence, cursor, dependent, barrier);
                }
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return available;
    }

    /** Yields once past the spin time; true once past the yield time too, when the fallback takes over. */
    private boolean backOff(final long waitedNanos)
    {
        if (waitedNanos > yieldTimeoutNanos)
        {
            return true;
        }
        if (waitedNanos > spinTimeoutNanos)
        {
            Thread.yield();
        }
        return false;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        fallback.signalAllWhenBlocking();
    }

    @Override
    public boolean requiresSignal()
    {
        return fallback.requiresSignal();
    }
}
