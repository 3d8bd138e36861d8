package io.nanostream.driver.loss;

import io.nanostream.buffer.AtomicBuffer;

import java.util.SplittableRandom;

/**
 * Drops datagrams of chosen frame types at random with a fixed rate and seed, so a lossy run can be
 * repeated; counts what it dropped.
 */
public final class RandomLoss implements LossGenerator
{
    private final double rate;
    private final int typeMask;
    private final SplittableRandom random;
    private long dropped;

    /**
     * Creates a generator.
     *
     * @param rate  the probability of dropping, 0 to 1.
     * @param seed  the seed.
     * @param types the frame types to drop (others always pass), e.g. {@link io.nanostream.log.FrameType#DATA}.
     */
    public RandomLoss(final double rate, final long seed, final int... types)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new IllegalArgumentException("loss rate must be from 0 to 1, was " + rate);
        }
        int mask = 0;
        for (final int type : types)
        {
            if (type < 0 || type > 31)
            {
                throw new IllegalArgumentException("frame type " + type + " cannot be chosen for loss");
            }
            mask |= 1 << type;
        }
        this.rate = rate;
        this.typeMask = mask;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean drop(final int type, final AtomicBuffer buffer, final int offset, final int length)
    {
        if (type < 0 || type > 31 || (typeMask & (1 << type)) == 0 || random.nextDouble() >= rate)
        {
            return false;
        }
        dropped++;
        return true;
    }

    /**
     * How many datagrams were dropped.
     *
     * @return the count (read it from the thread that drops, or after that thread stopped).
     */
    public long dropped()
    {
        return dropped;
    }
}
