package io.nanostream.ring.graph;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.BatchRewindStrategy;
import io.nanostream.ring.BlockingWaitStrategy;
import io.nanostream.ring.EventFactory;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.EventProcessor;
import io.nanostream.ring.EventTranslator;
import io.nanostream.ring.EventTranslatorOneArg;
import io.nanostream.ring.EventTranslatorThreeArg;
import io.nanostream.ring.EventTranslatorTwoArg;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.ExceptionHandlers;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RewindableEventHandler;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.RingHaltedException;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.TimeoutException;
import io.nanostream.ring.WaitStrategy;
import io.nanostream.ring.WorkHandler;
import io.nanostream.ring.internal.RingInternals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
public class HandlerGraph<E>
{
    private static final long HALT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long DRAIN_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.ring");

    /** The graph's nodes, state and wiring; its monitor is the graph's lock. */
    final HandlerGraphWiring<E> wiring;

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
        final EventFactory<E> factory, final int ringSize, final ThreadFactory threadFactory,
        final ProducerType producerType, final WaitStrategy waitStrategy)
    {
        this(RingBuffer.create(producerType, factory, ringSize, waitStrategy), threadFactory,
            ExceptionHandlers.logAndHalt());
    }

    HandlerGraph(final RingBuffer<E> ringBuffer, final ThreadFactory threadFactory,
        final ExceptionHandler<? super E> exceptionHandler)
    {
        this.wiring = new HandlerGraphWiring<>(ringBuffer, threadFactory, exceptionHandler, this::haltAfterFailure);
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
        return wiring.addHandlers(List.of(), handlers, null);
    }

    /**
     * Adds handlers that may ask for their batch to be replayed, each seeing every published event.
     *
     * @param rewindStrategy decides on each rewind request.
     * @param handlers       the handlers, each given once.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWith(final BatchRewindStrategy rewindStrategy,
        final RewindableEventHandler<? super E>... handlers)
    {
        return wiring.addHandlers(List.of(), handlers, Objects.requireNonNull(rewindStrategy,
            "rewindStrategy is null"));
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
        return wiring.addFactories(List.of(), factories);
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
        return wiring.addProcessors(List.of(), processors);
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
        return wiring.addWorkerPool(List.of(), handlers);
    }

    /**
     * The group of handlers already in the graph, to add handlers after them.
     *
     * @param handlers handlers already added.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> after(final EventHandler<? super E>... handlers)
    {
        synchronized (wiring)
        {
            return groupOf(handlers);
        }
    }

    /**
     * The group of processors already in the graph (added with {@link #handleEventsWith(EventProcessor...)}),
     * to add handlers after them.
     *
     * @param processors processors already added.
     * @return their group.
     */
    public HandlerGroup<E> after(final EventProcessor... processors)
    {
        synchronized (wiring)
        {
            return groupOf(processors);
        }
    }

    private HandlerGroup<E> groupOf(final Object[] members)
    {
        final List<GraphNode<E>> group = new ArrayList<>();
        for (final Object member : Objects.requireNonNull(members, "handlers is null"))
        {
            group.add(wiring.nodeOf(member));
        }
        return new HandlerGroup<>(wiring, group);
    }

    /**
     * Sets the exception handler of every handler not given one of its own, before or after this call;
     * the default is {@link ExceptionHandlers#logAndHalt()}.
     *
     * @param exceptionHandler the exception handler.
     */
    public void setDefaultExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        synchronized (wiring)
        {
            wiring.defaultExceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler is null");
            for (final GraphNode<E> node : wiring.nodes)
            {
                if (!node.customExceptionHandler && node.takesExceptionHandler())
                {
                    node.setExceptionHandler(exceptionHandler);
                }
            }
        }
    }

    /**
     * Sets the exception handler of every handler added from now on (not of those already added), as
     * the Disruptor's does.
     *
     * @param exceptionHandler the exception handler.
     */
    public void handleExceptionsWith(final ExceptionHandler<? super E> exceptionHandler)
    {
        synchronized (wiring)
        {
            wiring.exceptionHandlerForNew = Objects.requireNonNull(exceptionHandler, "exceptionHandler is null");
        }
    }

    /**
     * Starts setting the exception handler of one handler: {@code graph.handleExceptionsFor(h).with(x)}.
     *
     * @param handler a handler in the graph.
     * @return the setting, to complete with {@link ExceptionHandlerSetting#with}.
     */
    public ExceptionHandlerSetting<E> handleExceptionsFor(final EventHandler<? super E> handler)
    {
        return new ExceptionHandlerSetting<>(wiring, wiring.nodeOf(handler));
    }

    /**
     * The sequence of a handler in the graph.
     *
     * @param handler the handler.
     * @return its processor's sequence.
     */
    public Sequence getSequenceOf(final EventHandler<? super E> handler)
    {
        synchronized (wiring)
        {
            return wiring.nodeOf(handler).sequences()[0];
        }
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
    public SequenceBarrier getBarrierFor(final EventHandler<? super E> handler)
    {
        synchronized (wiring)
        {
            return wiring.nodeOf(handler).barrier;
        }
    }

    /**
     * The ring the graph reads.
     *
     * @return the ring.
     */
    public RingBuffer<E> getRingBuffer()
    {
        return wiring.ringBuffer;
    }

    /**
     * The ring's cursor; see {@link RingBuffer#getCursor()}.
     *
     * @return the highest claimed sequence.
     */
    public long getCursor()
    {
        return wiring.ringBuffer.getCursor();
    }

    /**
     * The ring's size.
     *
     * @return the number of slots.
     */
    public long getBufferSize()
    {
        return wiring.ringBuffer.getBufferSize();
    }

    /**
     * The event for a sequence; see {@link RingBuffer#get(long)}.
     *
     * @param sequence the sequence.
     * @return the event in its slot.
     */
    public E get(final long sequence)
    {
        return wiring.ringBuffer.get(sequence);
    }

    /**
     * Publishes one event through the ring; see {@link RingBuffer#publishEvent(EventTranslator)}.
     *
     * @param translator fills the event.
     */
    public void publishEvent(final EventTranslator<E> translator)
    {
        wiring.ringBuffer.publishEvent(translator);
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
        wiring.ringBuffer.publishEvent(translator, arg0);
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
        wiring.ringBuffer.publishEvent(translator, arg0, arg1);
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
        wiring.ringBuffer.publishEvent(translator, arg0, arg1, arg2);
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
        wiring.ringBuffer.publishEvents(translator, args0);
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{" + wiring.nodes + ", ring=" + wiring.ringBuffer + "}";
    }


    /**
     * Starts a thread per handler (and per worker).
     *
     * @return the ring, to publish on.
     * @throws IllegalStateException if the graph was started before.
     */
    public RingBuffer<E> start()
    {
        synchronized (wiring)
        {
            if (wiring.state != HandlerGraphWiring.NEW)
            {
                throw new IllegalStateException("graph already started" + (wiring.state == HandlerGraphWiring.HALTED ?
                    " and halted" : "") + "; a graph starts once, build a new one to start again");
            }
            wiring.state = HandlerGraphWiring.STARTED;
            for (final GraphNode<E> node : wiring.nodes)
            {
                node.start(wiring.threadFactory);
            }
            return wiring.ringBuffer;
        }
    }

    /**
     * Whether {@link #start()} was called.
     *
     * @return true once started (also after a halt).
     */
    public boolean hasStarted()
    {
        synchronized (wiring)
        {
            return wiring.state != HandlerGraphWiring.NEW;
        }
    }

    /**
     * Stops every handler after the batch in hand, without draining, and halts the ring so that
     * producers waiting for room get a {@link RingHaltedException}. Waits up to two seconds for the
     * handler threads to end, interrupting after the first those still busy in a handler, and logs
     * any that will not stop.
     */
    public void halt()
    {
        synchronized (wiring)
        {
            wiring.state = HandlerGraphWiring.HALTED;
        }
        wiring.ringBuffer.halt("handler graph halted", null);
        for (final GraphNode<E> node : wiring.nodes)
        {
            node.halt();
        }
        final long graceEnd = System.nanoTime() + HALT_GRACE_NANOS;
        for (final GraphNode<E> node : wiring.nodes)
        {
            if (!node.join(graceEnd))
            {
                node.interrupt();
            }
        }
        final long lastEnd = System.nanoTime() + HALT_GRACE_NANOS;
        for (final GraphNode<E> node : wiring.nodes)
        {
            if (!node.join(lastEnd))
            {
                LOGGER.log(System.Logger.Level.WARNING, "handler " + node +
                    " did not stop within 2 s of halt, even when interrupted");
            }
        }
    }

    private void haltAfterFailure(final Throwable cause)
    {
        for (final GraphNode<E> node : wiring.nodes)
        {
            node.halt();
        }
    }

    /**
     * Waits until every event claimed so far has been handled by every handler, then halts. Stop the
     * producers first: events published after the drain are not handled. With a handler stuck, this
     * takes the timeout plus up to two seconds of {@link #halt()}.
     *
     * @param timeout how long to wait for the drain.
     * @return true if everything was handled; false if the time ran out or a handler halted the ring,
     * in which case the graph is halted all the same.
     */
    public boolean shutdown(final Duration timeout)
    {
        final long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout is null").toNanos();
        final boolean drained = drain(deadline);
        halt();
        return drained;
    }

    /**
     * Waits until every event claimed so far has been handled by every handler, then halts; waits as
     * long as that takes (or until a handler halts the ring).
     */
    public void shutdown()
    {
        drain(0);
        halt();
    }

    /**
     * Waits until every event claimed so far has been handled by every handler, then halts, as the
     * Disruptor's does: if the handlers have not drained by the timeout, throws at the timeout and
     * leaves the graph running (halt it, or call this again). Returns early, halted, if a handler halted
     * the ring (that handler's failure went to its exception handler and to the producers).
     *
     * @param timeout how long to wait for the drain; negative to wait as long as it takes.
     * @param unit    its unit.
     * @throws TimeoutException if the handlers have not drained in time; the message names those behind.
     */
    public void shutdown(final long timeout, final TimeUnit unit) throws TimeoutException
    {
        final long nanos = Objects.requireNonNull(unit, "unit is null").toNanos(timeout);
        final long deadline = timeout < 0 ? 0 : System.nanoTime() + nanos;
        if (!drain(timeout >= 0 && deadline == 0 ? 1 : deadline) && !wiring.ringBuffer.isHalted())
        {
            throw new TimeoutException("handlers did not drain within " + timeout + " " + unit + ": " +
                backlogDescription() + "; the graph is still running");
        }
        halt();
    }

    /**
     * Waits until nothing is left or the ring is halted (true if nothing is left), or the deadline (0: none) passes.
     */
    private boolean drain(final long deadline)
    {
        boolean drained;
        while (!(drained = !hasBacklog()) && !wiring.ringBuffer.isHalted() &&
            (deadline == 0 || System.nanoTime() - deadline < 0))
        {
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
        return drained;
    }

    /**
     * Whether some claimed event has not yet been handled by every handler.
     *
     * @return true while there is a backlog.
     */
    public boolean hasBacklog()
    {
        final long cursor = wiring.ringBuffer.getCursor();
        for (final GraphNode<E> node : wiring.nodes)
        {
            if (node.endOfChain)
            {
                for (final Sequence sequence : node.sequences())
                {
                    if (sequence.get() < cursor)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String backlogDescription()
    {
        final long cursor = wiring.ringBuffer.getCursor();
        final StringBuilder behind = new StringBuilder("cursor at ").append(cursor);
        for (final GraphNode<E> node : wiring.nodes)
        {
            for (final Sequence sequence : node.sequences())
            {
                final long at = sequence.get();
                if (at < cursor)
                {
                    behind.append(", ").append(node).append(" at ").append(at);
                }
            }
        }
        return behind.toString();
    }

    /**
     * Removes a handler that no other handler follows; on a running graph it stops after the batch in
     * hand (without draining), and producers stop waiting for it once its thread has ended.
     *
     * @param handler the handler to remove.
     * @throws IllegalArgumentException if it is not in the graph or other handlers follow it.
     * @throws IllegalStateException    if its thread does not end within two seconds (a long batch, a stuck
     *                                  handler): it then stays in the graph, still gating producers, and a
     *                                  later call finishes the removal.
     */
    public void removeHandler(final EventHandler<? super E> handler)
    {
        final GraphNode<E> node;
        synchronized (wiring)
        {
            node = wiring.nodeOf(handler);
            for (final GraphNode<E> other : wiring.nodes)
            {
                if (other.dependencies.contains(node))
                {
                    throw new IllegalArgumentException("handler " + handler + " has handler " + other +
                        " after it; remove that one first");
                }
            }
            for (final GraphNode<E> dependency : node.dependencies)
            {
                if (!dependency.endOfChain && wiring.nodes.stream().noneMatch(other -> other != node &&
                    other.dependencies.contains(dependency)))
                {
                    dependency.endOfChain = true;
                    // at or ahead of the removed handler, which still gates until its thread ends: safe to add now
                    RingInternals.get().addGatingSequencesAsIs(wiring.ringBuffer, dependency.sequences());
                }
            }
            node.halt();
        }
        boolean stopped = node.join(System.nanoTime() + HALT_GRACE_NANOS);
        if (!stopped)
        {
            node.interrupt();
            stopped = node.join(System.nanoTime() + HALT_GRACE_NANOS);
        }
        synchronized (wiring)
        {
            if (!stopped)
            {
                throw new IllegalStateException("handler " + handler +
                    " did not stop within 2 s (a long batch or a stuck " +
                    "handler); it stays in the graph and gates producers until it does; call removeHandler again later");
            }
            for (final Sequence sequence : node.sequences())
            {
                wiring.ringBuffer.removeGatingSequence(sequence);
            }
            wiring.nodes.remove(node);
        }
    }
}
