package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/** Spins on the CPU until the sequence is available: the lowest latency, one core per consumer. */
public final class BusySpinWaitStrategy extends BarrierWaitStrategy
{
    /** Creates the strategy. */
    public BusySpinWaitStrategy()
    {
    }

    @Override
    void await(final long sequence, final ProcessingSequenceBarrier barrier)
    {
        while (barrier.available(sequence) < sequence)
        {
            barrier.checkAlert();
            Thread.onSpinWait();
        }
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependent,
        final SequenceBarrier barrier)
    {
        long available;
        while ((available = dependent.get()) < sequence)
        {
            barrier.checkAlert();
            Thread.onSpinWait();
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
