package io.nanostream.ring.dsl;

import io.nanostream.ring.BlockingWaitStrategy;
import io.nanostream.ring.EventFactory;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.WaitStrategy;
import io.nanostream.ring.graph.HandlerGraph;

import java.util.concurrent.ThreadFactory;

/**
 * The Disruptor's DSL by the Disruptor's name: a {@link HandlerGraph} built by the constructors a
 * Disruptor 4 user already calls, so that such code moves over by changing its imports. Everything
 * else is {@link HandlerGraph}'s, and {@code EventHandlerGroup} is
 * {@link io.nanostream.ring.graph.HandlerGroup}.
 *
 * <pre>{@code
 * Disruptor<Trade> disruptor = new Disruptor<>(Trade::new, 1024, DaemonThreadFactory.INSTANCE,
 *     ProducerType.SINGLE, new YieldingWaitStrategy());
 * disruptor.handleEventsWith(journal, replicate).then(execute);
 * RingBuffer<Trade> ring = disruptor.start();
 * }</pre>
 *
 * @param <T> the event type.
 */
public class Disruptor<T> extends HandlerGraph<T>
{
    /**
     * Creates a graph for many producers with a {@link BlockingWaitStrategy}, as the Disruptor's does.
     *
     * @param eventFactory  makes the preallocated events.
     * @param ringBufferSize the number of slots, a power of two.
     * @param threadFactory makes a thread per handler.
     */
    public Disruptor(final EventFactory<T> eventFactory, final int ringBufferSize, final ThreadFactory threadFactory)
    {
        super(eventFactory, ringBufferSize, threadFactory);
    }

    /**
     * Creates a graph.
     *
     * @param eventFactory   makes the preallocated events.
     * @param ringBufferSize the number of slots, a power of two.
     * @param threadFactory  makes a thread per handler.
     * @param producerType   one producer thread or many.
     * @param waitStrategy   how handlers wait for events.
     */
    public Disruptor(
        final EventFactory<T> eventFactory,
        final int ringBufferSize,
        final ThreadFactory threadFactory,
        final ProducerType producerType,
        final WaitStrategy waitStrategy)
    {
        super(eventFactory, ringBufferSize, threadFactory, producerType, waitStrategy);
    }
}
