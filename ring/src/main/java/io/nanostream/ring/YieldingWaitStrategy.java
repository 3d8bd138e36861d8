package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * Spins briefly, then yields the core on each further check: low latency, and fair to other threads
 * when there are more runnable threads than cores.
 */
public final class YieldingWaitStrategy extends BarrierWaitStrategy
{
    private static final int SPIN_TRIES = 100;

    /** Creates the strategy. */
    public YieldingWaitStrategy()
    {
    }

    @Override
    void await(final long sequence, final ProcessingSequenceBarrier barrier)
    {
        int counter = SPIN_TRIES;
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
        int counter = SPIN_TRIES;
        while ((available = dependent.get()) < sequence)
        {
            barrier.checkAlert();
            counter = idle(counter);
        }
        return available;
    }

    private static int idle(final int counter)
    {
        if (counter > 0)
        {
            Thread.onSpinWait();
            return counter - 1;
        }
        Thread.yield();
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
