package io.nanostream.ring.lincheck;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.EventFactory;
import io.nanostream.ring.InsufficientCapacityException;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.ProducerWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.lincheck.Cells.Cell;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The multi-producer ring's non-blocking claim: producers call {@code tryNext(1)} and publish, on a ring
 * of {@value #SIZE} slots gated on a consumer that never moves. It must be linearizable to a counter that
 * hands out 0, 1, 2, 3 and then refuses: no sequence twice, none skipped, no refusal while a slot is free.
 * The tests are the subclasses, one per kind of event: {@link MultiProducerClaimLincheckTest} (plain
 * events, per-slot flags) and {@link SequencedMultiProducerClaimLincheckTest}
 * ({@link io.nanostream.ring.SequencedEvent}s, a mark in each event).
 */
public abstract class MultiProducerClaimLincheck
{
    /** Slots in the ring. */
    static final int SIZE = 4;

    private final RingBuffer<Cell> ring;

    /**
     * Creates the ring, gated on a consumer that never consumes.
     *
     * @param events makes the ring's events.
     */
    protected MultiProducerClaimLincheck(final EventFactory<Cell> events)
    {
        ring = RingBuffer.create(
            ProducerType.MULTI, events, SIZE, new BusySpinWaitStrategy(), ProducerWaitStrategy.yielding());
        ring.addGatingSequences(new Sequence());
    }

    /**
     * Claims one slot without waiting, fills and publishes it.
     *
     * @return the claimed sequence, or -1 if the ring was full.
     */
    @Operation
    public long claim()
    {
        final long sequence;
        try
        {
            sequence = ring.tryNext(1);
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
        ring.get(sequence).set(sequence);
        ring.publish(sequence);
        return sequence;
    }

    /**
     * How many slots could still be claimed.
     *
     * @return the remaining capacity.
     */
    @Operation
    public long remainingCapacity()
    {
        return ring.remainingCapacity();
    }

    /** Model checking: every interleaving Lincheck picks, under sequential consistency. */
    @Test
    void modelChecking()
    {
        new ModelCheckingOptions()
            .iterations(10)
            .invocationsPerIteration(600)
            .threads(3)
            .actorsPerThread(2)
            .actorsBefore(2)
            .actorsAfter(1)
            .sequentialSpecification(Counter.class)
            .check(getClass());
    }

    /** Stress: real threads on the real memory model, results checked for linearizability. */
    @Test
    void stress()
    {
        new StressOptions()
            .iterations(12)
            .invocationsPerIteration(1000)
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1)
            .sequentialSpecification(Counter.class)
            .check(getClass());
    }

    /** The sequential specification: hands out 0 to {@value MultiProducerClaimLincheck#SIZE} - 1, then -1. */
    public static final class Counter
    {
        private long next;

        /**
         * Hands out the next number while there are any.
         *
         * @return the number, or -1 once all are handed out.
         */
        public long claim()
        {
            return next < SIZE ? next++ : -1;
        }

        /**
         * How many numbers are left.
         *
         * @return the count.
         */
        public long remainingCapacity()
        {
            return SIZE - next;
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Counter counter && counter.next == next;
        }

        @Override
        public int hashCode()
        {
            return Long.hashCode(next);
        }
    }
}
