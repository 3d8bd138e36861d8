package io.nanostream.ring;

/**
 * Spins briefly, then yields the core on each further check: low latency, and fair to other threads
 * when there are more runnable threads than cores.
 */
public final class YieldingWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 100;

    @Override
    public long waitFor(final long sequence, final SequenceBarrier barrier)
    {
        long available;
        int counter = SPIN_TRIES;
        while ((available = barrier.available(sequence)) < sequence)
        {
            barrier.checkAlert();
            if (counter > 0)
            {
                counter--;
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
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
