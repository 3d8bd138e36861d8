package io.nanostream.ring.graph;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.EventProcessor;
import io.nanostream.ring.RingBuffer;

/**
 * Makes a processor of the user's for a {@link HandlerGraph}, given the ring and the sequences it must
 * follow (wait on {@code ringBuffer.newBarrier(barrierSequences)}).
 *
 * @param <E> the event type.
 */
@FunctionalInterface
public interface EventProcessorFactory<E>
{
    /**
     * Makes the processor.
     *
     * @param ringBuffer       the graph's ring.
     * @param barrierSequences the sequences of the handlers the processor follows; empty for a first stage.
     * @return the processor; the graph gates the ring on its sequence and runs it on a thread of its own.
     */
    EventProcessor createEventProcessor(RingBuffer<E> ringBuffer, Sequence[] barrierSequences);
}
