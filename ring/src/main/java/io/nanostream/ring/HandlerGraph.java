package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * A ring with a graph of handlers, each on its own thread: multicast, pipelines, diamonds, worker
 * pools, wired in a few lines. Handlers may be added to and removed from a running graph. This is the
 * Disruptor's {@code Disruptor} DSL under our name (and {@link io.nanostream.ring.dsl.Disruptor} under its own).
 *
 * <pre>{@code
 * HandlerGraph<Trade> graph = HandlerGraph.builder(Trade::new).ringSize(1 << 16).build();
 * graph.handleEventsWith(journal, replicate).then(execute);   // diamond: (journal, replicate) then execute
 * RingBuffer<Trade> ring = graph.start();
 * ring.publishEvent((trade, sequence, price) -> trade.price = price, 42L);
 * graph.shutdown(Duration.ofSeconds(5));                       // drains, then stops
 * }</pre>
 *
 * @param <E> the event type.
 */
public class HandlerGraph<E> extends HandlerGraphLifecycle<E>
{
    /**
     * Creates a graph the Disruptor's way: many producers, a {@link BlockingWaitStrategy}.
     *
     * @param factory       makes the preallocated events.
     * @param ringSize      the number of slots, a power of two.
     * @param threadFactory makes a thread per handler.
     */
    public HandlerGraph(final EventFactory<E> factory, final int ringSize, final ThreadFactory threadFactory)
    {
        this(factory, ringSize, threadFactory, ProducerType.MULTI, new BlockingWaitStrategy());
    }

    /**
     * Creates a graph the Disruptor's way.
     *
     * @param factory       makes the preallocated events.
     * @param ringSize      the number of slots, a power of two.
     * @param threadFactory makes a thread per handler.
     * @param producerType  one producer thread or many.
     * @param waitStrategy  how handlers wait for events.
     */
    public HandlerGraph(
        final EventFactory<E> factory, final int ringSize, final ThreadFactory threadFactory, final ProducerType producerType,
        final WaitStrategy waitStrategy)
    {
        this(RingBuffer.create(producerType, factory, ringSize, waitStrategy), threadFactory, ExceptionHandlers.logAndHalt());
    }

    HandlerGraph(final RingBuffer<E> ringBuffer, final ThreadFactory threadFactory, final ExceptionHandler<? super E> exceptionHandler)
    {
        super(ringBuffer, threadFactory, exceptionHandler);
    }

    /**
     * Starts describing a graph whose ring holds events made by {@code factory}.
     *
     * @param factory makes the preallocated events.
     * @param <E>     the event type.
     * @return a builder with defaults: 1024 slots, many producers, lite-blocking waits, back-off when
     * full, log-and-halt on handler failure.
     */
    public static <E> HandlerGraphBuilder<E> builder(final EventFactory<E> factory)
    {
        return new HandlerGraphBuilder<>(factory);
    }

    /**
     * Adds handlers that each see every published event, in parallel.
     *
     * @param handlers the handlers, each given once.
     * @return their group, to chain what follows them.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWith(final EventHandler<? super E>... handlers)
    {
        return addHandlers(List.of(), handlers, null);
    }

    /**
     * Adds handlers that may ask for their batch to be replayed, each seeing every published event.
     *
     * @param rewindStrategy decides on each rewind request.
     * @param handlers       the handlers, each given once.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWith(final BatchRewindStrategy rewindStrategy, final RewindableEventHandler<? super E>... handlers)
    {
        return addHandlers(List.of(), handlers, RingBufferTranslators.required(rewindStrategy, "rewindStrategy"));
    }

    /**
     * Adds processors made by the factories, each given the ring and the sequences to follow (none here).
     *
     * @param factories make one processor each.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWith(final EventProcessorFactory<E>... factories)
    {
        return addFactories(List.of(), factories);
    }

    /**
     * Adds processors made elsewhere (of the user's, or {@link BatchEventProcessor}s built by hand): the
     * graph gates the ring on them, starts them on its threads and halts them with the rest.
     *
     * @param processors the processors, each given once.
     * @return their group.
     */
    public HandlerGroup<E> handleEventsWith(final EventProcessor... processors)
    {
        return addProcessors(List.of(), processors);
    }

    /**
     * Adds a worker pool: each published event goes to exactly one of the workers.
     *
     * @param handlers one handler per worker.
     * @return the pool's group.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWithWorkerPool(final WorkHandler<? super E>... handlers)
    {
        return addWorkerPool(List.of(), handlers);
    }

    /**
     * The group of handlers already in the graph, to add handlers after them.
     *
     * @param handlers handlers already added.
     * @return their group.
     */
    @SafeVarargs
    public final synchronized HandlerGroup<E> after(final EventHandler<? super E>... handlers)
    {
        return groupOf(handlers);
    }

    /**
     * The group of processors already in the graph (added with {@link #handleEventsWith(EventProcessor...)}),
     * to add handlers after them.
     *
     * @param processors processors already added.
     * @return their group.
     */
    public synchronized HandlerGroup<E> after(final EventProcessor... processors)
    {
        return groupOf(processors);
    }

    private HandlerGroup<E> groupOf(final Object[] members)
    {
        final List<GraphNode<E>> group = new ArrayList<>();
        for (final Object member : RingBufferTranslators.required(members, "handlers"))
        {
            group.add(nodeOf(member));
        }
        return new HandlerGroup<>(this, group);
    }

    /**
     * Sets the exception handler of every handler not given one of its own, before or after this call;
     * the default is {@link ExceptionHandlers#logAndHalt()}.
     *
     * @param exceptionHandler the exception handler.
     */
    public synchronized void setDefaultExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        defaultExceptionHandler = RingBufferTranslators.required(exceptionHandler, "exceptionHandler");
        for (final GraphNode<E> node : nodes)
        {
            if (!node.customExceptionHandler && node.takesExceptionHandler())
            {
                node.setExceptionHandler(exceptionHandler);
            }
        }
    }

    /**
     * Sets the exception handler of every handler added from now on (not of those already added), as
     * the Disruptor's does.
     *
     * @param exceptionHandler the exception handler.
     */
    public synchronized void handleExceptionsWith(final ExceptionHandler<? super E> exceptionHandler)
    {
        exceptionHandlerForNew = RingBufferTranslators.required(exceptionHandler, "exceptionHandler");
    }

    /**
     * Starts setting the exception handler of one handler: {@code graph.handleExceptionsFor(h).with(x)}.
     *
     * @param handler a handler in the graph.
     * @return the setting, to complete with {@link ExceptionHandlerSetting#with}.
     */
    public ExceptionHandlerSetting<E> handleExceptionsFor(final EventHandler<? super E> handler)
    {
        return new ExceptionHandlerSetting<>(this, nodeOf(handler));
    }

    /**
     * The sequence of a handler in the graph.
     *
     * @param handler the handler.
     * @return its processor's sequence.
     */
    public synchronized Sequence getSequenceOf(final EventHandler<? super E> handler)
    {
        return nodeOf(handler).sequences()[0];
    }

    /**
     * The sequence value of a handler in the graph: the last event it is done with.
     *
     * @param handler the handler.
     * @return its processor's sequence value.
     */
    public long getSequenceValueFor(final EventHandler<? super E> handler)
    {
        return getSequenceOf(handler).get();
    }

    /**
     * The barrier a handler waits on.
     *
     * @param handler a handler in the graph.
     * @return its barrier, or null if it belongs to a processor of the user's or to a worker pool.
     */
    public synchronized SequenceBarrier getBarrierFor(final EventHandler<? super E> handler)
    {
        return nodeOf(handler).barrier;
    }

    /**
     * The ring the graph reads.
     *
     * @return the ring.
     */
    public RingBuffer<E> getRingBuffer()
    {
        return ringBuffer;
    }

    /**
     * The ring's cursor; see {@link RingBuffer#getCursor()}.
     *
     * @return the highest claimed sequence.
     */
    public long getCursor()
    {
        return ringBuffer.getCursor();
    }

    /**
     * The ring's size.
     *
     * @return the number of slots.
     */
    public long getBufferSize()
    {
        return ringBuffer.getBufferSize();
    }

    /**
     * The event for a sequence; see {@link RingBuffer#get(long)}.
     *
     * @param sequence the sequence.
     * @return the event in its slot.
     */
    public E get(final long sequence)
    {
        return ringBuffer.get(sequence);
    }

    /**
     * Publishes one event through the ring; see {@link RingBuffer#publishEvent(EventTranslator)}.
     *
     * @param translator fills the event.
     */
    public void publishEvent(final EventTranslator<E> translator)
    {
        ringBuffer.publishEvent(translator);
    }

    /**
     * Publishes one event through the ring.
     *
     * @param translator fills the event.
     * @param arg0       the argument.
     * @param <A>        its type.
     */
    public <A> void publishEvent(final EventTranslatorOneArg<E, A> translator, final A arg0)
    {
        ringBuffer.publishEvent(translator, arg0);
    }

    /**
     * Publishes one event through the ring.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     */
    public <A, B> void publishEvent(final EventTranslatorTwoArg<E, A, B> translator, final A arg0, final B arg1)
    {
        ringBuffer.publishEvent(translator, arg0, arg1);
    }

    /**
     * Publishes one event through the ring.
     *
     * @param translator fills the event.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     */
    public <A, B, C> void publishEvent(
        final EventTranslatorThreeArg<E, A, B, C> translator, final A arg0, final B arg1, final C arg2)
    {
        ringBuffer.publishEvent(translator, arg0, arg1, arg2);
    }

    /**
     * Publishes one event per argument, all at once.
     *
     * @param translator fills each event.
     * @param args0      one argument per event.
     * @param <A>        the argument type.
     */
    public <A> void publishEvents(final EventTranslatorOneArg<E, A> translator, final A[] args0)
    {
        ringBuffer.publishEvents(translator, args0);
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{" + nodes + ", ring=" + ringBuffer + "}";
    }
}
