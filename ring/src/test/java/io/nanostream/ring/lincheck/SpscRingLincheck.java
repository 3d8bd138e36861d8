package io.nanostream.ring.lincheck;

import java.util.ArrayDeque;
import java.util.List;

import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.EventFactory;
import io.nanostream.ring.EventPoller;
import io.nanostream.ring.EventTranslatorOneArg;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.ProducerWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.lincheck.Cells.Cell;
import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * A single-producer ring of {@value #CAPACITY} slots used as a bounded SPSC queue: {@code offer} is
 * {@code tryPublishEvent} on the one producer thread, {@code poll} one {@link EventPoller#poll} that takes
 * a single event on the one consumer thread. It must be linearizable to a bounded FIFO of the same capacity.
 *
 * <p>The model checker explores interleavings under sequential consistency, so it checks the algorithm
 * (capacity checks, the cached gating sequence, the published cursor or the events' marks, the poller's
 * sequence); the memory ordering itself is the jcstress tests' job (module {@code stress}). The tests are
 * the subclasses, one per kind of event: {@link SpscRingLincheckTest} (plain events, published through
 * the cursor) and {@link SequencedSpscRingLincheckTest} ({@link io.nanostream.ring.SequencedEvent}s,
 * published by a mark in each event). Lincheck makes a new instance of the subclass for every scenario.
 * All offers run in the parallel part, on one thread: Lincheck runs the parts before and after it on
 * another, and with assertions enabled a single-producer ring refuses a claim from a second thread
 * (as the Disruptor's does).
 */
@Param(name = "value", gen = LongGen.class, conf = "1:9")
public abstract class SpscRingLincheck
{
    /** Slots in the ring, and the capacity of the specification. */
    static final int CAPACITY = 2;

    private static final EventTranslatorOneArg<Cell, Long> WRITE = (cell, sequence, value) -> cell.set(value);

    private final RingBuffer<Cell> ring;
    private final EventPoller<Cell> poller;
    private final Take takeOne = new Take();

    /**
     * Creates an empty queue: the ring gated on its poller.
     *
     * @param events makes the ring's events.
     */
    protected SpscRingLincheck(final EventFactory<Cell> events)
    {
        ring = RingBuffer.create(
            ProducerType.SINGLE, events, CAPACITY, new BusySpinWaitStrategy(), ProducerWaitStrategy.yielding());
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    /**
     * Offers a value, if there is room.
     *
     * @param value the value.
     * @return false if the ring was full.
     */
    @Operation(nonParallelGroup = "producer")
    public boolean offer(@Param(name = "value") final long value)
    {
        return ring.tryPublishEvent(WRITE, value);
    }

    /**
     * Takes the oldest value, if there is one.
     *
     * @return the value, or null if the ring was empty.
     */
    @Operation(nonParallelGroup = "consumer")
    public Long poll()
    {
        try
        {
            return poller.poll(takeOne) == EventPoller.PollState.PROCESSING ? takeOne.value : null;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the handler takes a value and cannot throw", ex);
        }
    }

    /** Model checking: every interleaving Lincheck picks, under sequential consistency. */
    @Test
    void modelChecking()
    {
        new ModelCheckingOptions()
            .iterations(10)
            .invocationsPerIteration(350)
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(0) // every offer on one thread: with -ea a second claiming thread is refused
            .actorsAfter(0)
            .sequentialSpecification(BoundedQueue.class)
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
            .actorsBefore(0) // every offer on one thread: with -ea a second claiming thread is refused
            .actorsAfter(0)
            .sequentialSpecification(BoundedQueue.class)
            .check(getClass());
    }

    /** Takes one event per poll, like a queue's poll, and keeps its value. */
    private static final class Take implements EventPoller.Handler<Cell>
    {
        private long value;

        @Override
        public boolean onEvent(final Cell cell, final long sequence, final boolean endOfBatch)
        {
            value = cell.get();
            return false;
        }
    }

    /** The sequential specification: a FIFO queue that holds at most {@value SpscRingLincheck#CAPACITY} values. */
    public static final class BoundedQueue
    {
        private final ArrayDeque<Long> values = new ArrayDeque<>();

        /**
         * Adds a value at the tail, if there is room.
         *
         * @param value the value.
         * @return false if the queue was full.
         */
        public boolean offer(final long value)
        {
            if (values.size() == CAPACITY)
            {
                return false;
            }
            values.addLast(value);
            return true;
        }

        /**
         * Removes the value at the head.
         *
         * @return the value, or null if the queue was empty.
         */
        public Long poll()
        {
            return values.pollFirst();
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof BoundedQueue queue && List.copyOf(values).equals(List.copyOf(queue.values));
        }

        @Override
        public int hashCode()
        {
            return List.copyOf(values).hashCode();
        }
    }
}
