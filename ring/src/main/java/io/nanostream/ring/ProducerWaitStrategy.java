package io.nanostream.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * What a producer does while the ring is full and it waits for the slowest consumer: the ring's
 * back-pressure. Called on the producer's thread with the number of times in a row it has found the
 * ring full, so implementations keep no state and one instance serves every producer.
 *
 * <p>The LMAX Disruptor hard-codes {@code parkNanos(1)} here; pick what suits the load instead. A
 * producer waiting here is released with a {@link RingHaltedException} when the ring is halted.
 */
@FunctionalInterface
public interface ProducerWaitStrategy
{
    /**
     * Waits a little before the producer looks at the consumers again.
     *
     * @param attempt 0 for the first wait of this claim, then 1, 2, ...
     */
    void onRingFull(int attempt);

    /**
     * Busy-spins: the producer reacts fastest and burns its core while it waits.
     *
     * @return the strategy.
     */
    static ProducerWaitStrategy spin()
    {
        return attempt -> Thread.onSpinWait();
    }

    /**
     * Yields the core between looks.
     *
     * @return the strategy.
     */
    static ProducerWaitStrategy yielding()
    {
        return attempt -> Thread.yield();
    }

    /**
     * Parks for a fixed time between looks.
     *
     * @param parkNanos how long to park, at least 1.
     * @return the strategy.
     */
    static ProducerWaitStrategy parking(final long parkNanos)
    {
        if (parkNanos < 1)
        {
            throw new IllegalArgumentException("parkNanos must be at least 1, was " + parkNanos);
        }
        return attempt -> LockSupport.parkNanos(parkNanos);
    }

    /**
     * Spins, then yields, then parks for a time that doubles up to {@code maxParkNanos}.
     *
     * @param spins        attempts that spin.
     * @param yields       attempts after those that yield.
     * @param maxParkNanos the longest park.
     * @return the strategy.
     */
    static ProducerWaitStrategy backoff(final int spins, final int yields, final long maxParkNanos)
    {
        if (spins < 0 || yields < 0 || maxParkNanos < 1)
        {
            throw new IllegalArgumentException(
                "need spins >= 0, yields >= 0, maxParkNanos >= 1; got " + spins + ", " + yields + ", " + maxParkNanos);
        }
        return attempt ->
        {
            if (attempt < spins)
            {
                Thread.onSpinWait();
            }
            else if (attempt < spins + yields)
            {
                Thread.yield();
            }
            else
            {
                final int doublings = Math.min(attempt - spins - yields, 20);
                LockSupport.parkNanos(Math.min(1_000L << doublings, maxParkNanos));
            }
        };
    }

    /**
     * The default: 100 spins, 10 yields, then parks from 1 µs doubling up to 1 ms.
     *
     * @return the strategy.
     */
    static ProducerWaitStrategy backoff()
    {
        return backoff(100, 10, 1_000_000L);
    }
}
