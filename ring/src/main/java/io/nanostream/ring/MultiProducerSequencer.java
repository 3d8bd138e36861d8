package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * Sequencer for any number of producer threads. A blocking claim waits for room first, then claims
 * with one {@code getAndAdd} on the cursor (no retry loop under contention). A non-blocking claim
 * must never claim without room, and so uses a CAS loop.
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
    long next()
    {
        return next(1);
    }

    @Override
    long next(final int n)
    {
        checkClaimSize(n);
        // wait for room before claiming: a producer that waits while holding a claim stalls every consumer
        // at its unpublished slot, and on a busy machine it may wait descheduled for a whole time slice
        final long seen = cursor.getOpaque();
        if (seen + n - bufferSize > gatingSequenceCache.get())
        {
            gatingSequenceCache.set(awaitCapacity(seen + n - bufferSize, seen));
        }
        final long current = cursor.getAndAdd(n);
        final long next = current + n;
        final long wrapPoint = next - bufferSize;
        // acquire/release on the cache: another producer's reading of the consumers happens before our reuse
        if (wrapPoint > gatingSequenceCache.get())
        {
            gatingSequenceCache.set(awaitCapacity(wrapPoint, current)); // rare: others claimed since we looked
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
