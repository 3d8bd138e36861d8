package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.locks.LockSupport;

/**
 * How the blocking strategies wait for upstream handlers, which never signal: spin briefly (the
 * upstream usually finishes the same event within microseconds), yield a few times (on a busy machine
 * it may need our core), then park for times doubling from 1 µs to 100 µs. A handler stuck for a
 * second costs a waiter about ten thousand short wake-ups, a few milliseconds of CPU, where the
 * Disruptor's blocking strategies spin on the CPU for the whole second.
 */
final class UpstreamWait
{
    static final int SPINS = 100;
    static final int YIELDS = 10;
    static final long MAX_PARK_NANOS = 100_000;

    private UpstreamWait()
    {
    }

    /**
     * Waits until the upstream sequences reach {@code sequence}: those of {@code barrier} when it is one of
     * ours, else {@code dependent}. A deadline of 0 means none.
     */
    static long await(
        final long sequence, final ProcessingSequenceBarrier barrier, final Sequence dependent,
        final SequenceBarrier alerts, final long deadlineNanos) throws TimeoutException
    {
        long available;
        int attempt = 0;
        while ((available = barrier != null ? barrier.available(sequence) : dependent.get()) < sequence)
        {
            alerts.checkAlert();
            if (attempt < SPINS)
            {
                Thread.onSpinWait();
            }
            else if (attempt < SPINS + YIELDS)
            {
                Thread.yield();
            }
            else
            {
                if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0)
                {
                    throw TimeoutException.INSTANCE;
                }
                if (Thread.currentThread().isInterrupted())
                {
                    throw AlertException.INSTANCE; // as a monitor wait reports it: the interrupt stays set for the processor
                }
                LockSupport.parkNanos(Math.min(1_000L << Math.min(attempt - SPINS - YIELDS, 7), MAX_PARK_NANOS));
            }
            if (attempt < Integer.MAX_VALUE)
            {
                attempt++;
            }
        }
        return available;
    }
}
