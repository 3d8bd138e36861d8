package io.nanostream.ring.graph;

import io.nanostream.ring.EventFactory;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.ExceptionHandlers;
import io.nanostream.ring.LiteBlockingWaitStrategy;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.ProducerWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.WaitStrategy;

import java.util.concurrent.ThreadFactory;

/**
 * Describes the ring of a {@link HandlerGraph}; made by {@link HandlerGraph#builder(EventFactory)}.
 *
 * @param <E> the event type.
 */
public final class HandlerGraphBuilder<E>
{
    private final EventFactory<E> factory;
    private int ringSize = 1024;
    private ProducerType producerType = ProducerType.MULTI;
    private WaitStrategy waitStrategy = new LiteBlockingWaitStrategy();
    private ProducerWaitStrategy producerWaitStrategy = ProducerWaitStrategy.backoff();
    private ThreadFactory threadFactory = Thread.ofPlatform().name("nano-stream-handler-", 0).factory();
    private ExceptionHandler<? super E> exceptionHandler = ExceptionHandlers.logAndHalt();

    HandlerGraphBuilder(final EventFactory<E> factory)
    {
        if (factory == null)
        {
            throw new NullPointerException("event factory is null; pass e.g. MyEvent::new");
        }
        this.factory = factory;
    }

    /**
     * Sets the number of slots.
     *
     * @param ringSize a power of two; default 1024.
     * @return this builder.
     */
    public HandlerGraphBuilder<E> ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * Sets whether one thread or many publish.
     *
     * @param producerType default {@link ProducerType#MULTI}.
     * @return this builder.
     */
    public HandlerGraphBuilder<E> producerType(final ProducerType producerType)
    {
        this.producerType = producerType;
        return this;
    }

    /**
     * Sets how handlers wait for events.
     *
     * @param waitStrategy default {@link LiteBlockingWaitStrategy}.
     * @return this builder.
     */
    public HandlerGraphBuilder<E> waitStrategy(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    /**
     * Sets how producers wait while the ring is full.
     *
     * @param producerWaitStrategy default {@link ProducerWaitStrategy#backoff()}.
     * @return this builder.
     */
    public HandlerGraphBuilder<E> producerWaitStrategy(final ProducerWaitStrategy producerWaitStrategy)
    {
        this.producerWaitStrategy = producerWaitStrategy;
        return this;
    }

    /**
     * Sets what makes the handler threads.
     *
     * @param threadFactory default: platform threads named {@code nano-stream-handler-N}.
     * @return this builder.
     */
    public HandlerGraphBuilder<E> threadFactory(final ThreadFactory threadFactory)
    {
        if (threadFactory == null)
        {
            throw new NullPointerException("threadFactory is null");
        }
        this.threadFactory = threadFactory;
        return this;
    }

    /**
     * Sets the default exception handler.
     *
     * @param exceptionHandler default {@link ExceptionHandlers#logAndHalt()}.
     * @return this builder.
     */
    public HandlerGraphBuilder<E> exceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        if (exceptionHandler == null)
        {
            throw new NullPointerException("exceptionHandler is null");
        }
        this.exceptionHandler = exceptionHandler;
        return this;
    }

    /**
     * Makes the graph, with its ring, and no handlers yet.
     *
     * @return the graph.
     */
    public HandlerGraph<E> build()
    {
        final RingBuffer<E> ringBuffer = RingBuffer.create(producerType, factory, ringSize, waitStrategy,
            producerWaitStrategy);
        return new HandlerGraph<>(ringBuffer, threadFactory, exceptionHandler);
    }
}
