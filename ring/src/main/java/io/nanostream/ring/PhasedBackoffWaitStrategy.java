package io.nanostream.ring;

import java.util.concurrent.TimeUnit;

/**
 * Spins for a while, then spins with a yield every 10,000 checks, then hands over to a fallback strategy
 * (typically a blocking one): low latency for bursts, low CPU when idle.
 */
public final class PhasedBackoffWaitStrategy implements WaitStrategy
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
        if (spinTimeout < 0 || yieldTimeout < 0)
        {
            throw new IllegalArgumentException("timeouts must not be negative: " + spinTimeout + ", " + yieldTimeout);
        }
        if (fallback == null)
        {
            throw new NullPointerException("fallback is null; use e.g. new LiteBlockingWaitStrategy()");
        }
        this.spinTimeoutNanos = unit.toNanos(spinTimeout);
        this.yieldTimeoutNanos = spinTimeoutNanos + unit.toNanos(yieldTimeout);
        this.fallback = fallback;
    }

    /**
     * Spins, yields, then blocks with a {@link LiteBlockingWaitStrategy}.
     *
     * @param spinTimeout  how long to spin.
     * @param yieldTimeout how long to yield.
     * @param unit         the unit of both times.
     * @return the strategy.
     */
    public static PhasedBackoffWaitStrategy withLiteLock(final long spinTimeout, final long yieldTimeout, final TimeUnit unit)
    {
        return new PhasedBackoffWaitStrategy(spinTimeout, yieldTimeout, unit, new LiteBlockingWaitStrategy());
    }

    @Override
    public long waitFor(final long sequence, final SequenceBarrier barrier)
    {
        long available;
        long startNanos = 0;
        int counter = CHECKS_BETWEEN_CLOCK_READS;
        while ((available = barrier.available(sequence)) < sequence)
        {
            barrier.checkAlert();
            if (--counter == 0)
            {
                counter = CHECKS_BETWEEN_CLOCK_READS;
                if (startNanos == 0)
                {
                    startNanos = System.nanoTime();
                }
                else
                {
                    final long waited = System.nanoTime() - startNanos;
                    if (waited > yieldTimeoutNanos)
                    {
                        return fallback.waitFor(sequence, barrier);
                    }
                    if (waited > spinTimeoutNanos)
                    {
                        Thread.yield();
                    }
                }
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return available;
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
