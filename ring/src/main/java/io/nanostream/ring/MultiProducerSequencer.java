package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * Sequencer for any number of producer threads. A blocking claim is one {@code getAndAdd} on the
 * cursor (no retry loop under contention); the claimant then waits, if it must, for the slowest
 * consumer to leave room. A non-blocking claim checks for room first and so needs a CAS loop.
 */
final class MultiProducerSequencer extends Sequencer
{
    private final Sequence cursor = new Sequence();
    private final Sequence gatingSequenceCache = new Sequence();

    MultiProducerSequencer(final int bufferSize, final WaitStrategy waitStrategy, final ProducerWaitStrategy producerWait)
    {
        super(bufferSize, waitStrategy, producerWait);
    }

    @Override
    long next(final int n)
    {
        checkClaimSize(n);
        final long current = cursor.getAndAdd(n);
        final long next = current + n;
        final long wrapPoint = next - bufferSize;
        // acquire/release on the cache: another producer's reading of the consumers happens before our reuse
        if (wrapPoint > gatingSequenceCache.get())
        {
            gatingSequenceCache.set(awaitCapacity(wrapPoint, current));
        }
        return next;
    }

    @Override
    long tryNext(final int n)
    {
        checkClaimSize(n);
        long current;
        long next;
        do
        {
            current = cursor.get();
            next = current + n;
            if (!hasCapacity(next - bufferSize, current))
            {
                throw InsufficientCapacityException.INSTANCE;
            }
        }
        while (!cursor.compareAndSet(current, next));
        return next;
    }

    @Override
    long cursor()
    {
        return cursor.get();
    }

    @Override
    boolean hasAvailableCapacity(final int n)
    {
        final long current = cursor.get();
        return hasCapacity(current + n - bufferSize, current);
    }

    private boolean hasCapacity(final long wrapPoint, final long current)
    {
        // acquire/release on the cache: another producer's reading of the consumers happens before our reuse
        if (wrapPoint > gatingSequenceCache.get())
        {
            final long minimum = minimumGatingSequence(current);
            gatingSequenceCache.set(minimum);
            return wrapPoint <= minimum;
        }
        return true;
    }
}
