package io.nanostream.driver.udp;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;

/**
 * {@link CommandQueue} with one producer thread and its owner: it must be linearizable to a bounded FIFO of the same
 * capacity (offers that find it full return false; polls of an empty queue return null). The model checker explores
 * interleavings of the tail's compare-and-set, the slot's publication, the cached head and the owner's clearing; the
 * stress run uses real threads. Several producers are {@link CommandQueueStressTest}'s: with them a poll may miss a
 * command whose slot is claimed but not yet written (the owner finds it on its next cycle), which no FIFO allows.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class CommandQueueLincheckTest
{
    private static final int CAPACITY = 2;
    private final CommandQueue<Integer> queue = new CommandQueue<>("lincheck", CAPACITY);

    /**
     * Offers a value, if there is room.
     *
     * @param value the value.
     * @return false if the queue was full.
     */
    @Operation(nonParallelGroup = "producer")
    public boolean offer(@Param(name = "value") final int value)
    {
        return queue.tryOffer(value);
    }

    /**
     * Takes the oldest value.
     *
     * @return the value, or null if none waits.
     */
    @Operation(nonParallelGroup = "consumer")
    public Integer poll()
    {
        return queue.poll();
    }

    /** Model checking: every interleaving Lincheck picks, under sequential consistency. */
    @Test
    void modelChecking()
    {
        new ModelCheckingOptions()
            .iterations(15)
            .invocationsPerIteration(500)
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(2)
            .actorsAfter(2)
            .sequentialSpecification(BoundedQueue.class)
            .check(getClass());
    }

    /** Stress: real threads on the real memory model, results checked for linearizability. */
    @Test
    void stress()
    {
        new StressOptions()
            .iterations(10)
            .invocationsPerIteration(1000)
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(2)
            .actorsAfter(2)
            .sequentialSpecification(BoundedQueue.class)
            .check(getClass());
    }

    /**
     * The sequential specification: a FIFO queue that holds at most {@value CommandQueueLincheckTest#CAPACITY} values.
     */
    public static final class BoundedQueue
    {
        private final ArrayDeque<Integer> values = new ArrayDeque<>();

        /**
         * Adds a value at the tail, if there is room.
         *
         * @param value the value.
         * @return false if the queue was full.
         */
        public boolean offer(final int value)
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
        public Integer poll()
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
