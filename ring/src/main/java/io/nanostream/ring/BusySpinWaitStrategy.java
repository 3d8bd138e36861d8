package io.nanostream.ring;

/** Spins on the CPU until the sequence is available: the lowest latency, one core per consumer. */
public final class BusySpinWaitStrategy implements WaitStrategy
{
    @Override
    public long waitFor(final long sequence, final SequenceBarrier barrier)
    {
        long available;
        while ((available = barrier.available(sequence)) < sequence)
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
