package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A ring with a graph of handlers, each on its own thread: multicast, pipelines, diamonds, worker
 * pools, wired in a few lines. Handlers may be added to and removed from a running graph.
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
public final class HandlerGraph<E>
{
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int HALTED = 2;
    private static final long HALT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.ring");

    private final RingBuffer<E> ringBuffer;
    private final ThreadFactory threadFactory;
    private final List<GraphNode<E>> nodes = new CopyOnWriteArrayList<>();
    private ExceptionHandler<? super E> defaultExceptionHandler;
    private int state = NEW;

    HandlerGraph(final RingBuffer<E> ringBuffer, final ThreadFactory threadFactory, final ExceptionHandler<? super E> exceptionHandler)
    {
        this.ringBuffer = ringBuffer;
        this.threadFactory = threadFactory;
        this.defaultExceptionHandler = exceptionHandler;
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
        return addHandlers(List.of(), handlers);
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
        final List<GraphNode<E>> group = new ArrayList<>();
        for (final EventHandler<? super E> handler : handlers)
        {
            group.add(nodeOf(handler));
        }
        return new HandlerGroup<>(this, group);
    }

    /**
     * Sets the exception handler of every handler not given one of its own; the default is
     * {@link ExceptionHandlers#logAndHalt()}.
     *
     * @param exceptionHandler the exception handler.
     */
    public synchronized void setDefaultExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        if (exceptionHandler == null)
        {
            throw new NullPointerException("exceptionHandler is null");
        }
        defaultExceptionHandler = exceptionHandler;
        for (final GraphNode<E> node : nodes)
        {
            if (!node.customExceptionHandler)
            {
                node.setExceptionHandler(exceptionHandler);
            }
        }
    }

    /**
     * Starts a thread per handler (and per worker).
     *
     * @return the ring, to publish on.
     * @throws IllegalStateException if the graph was started before.
     */
    public synchronized RingBuffer<E> start()
    {
        if (state != NEW)
        {
            throw new IllegalStateException("graph already started" + (state == HALTED ? " and halted" : "") +
                "; a graph starts once, build a new one to start again");
        }
        state = STARTED;
        for (final GraphNode<E> node : nodes)
        {
            node.start(threadFactory);
        }
        return ringBuffer;
    }

    /**
     * Stops every handler after the batch in hand, without draining, and halts the ring so that
     * producers waiting for room get a {@link RingHaltedException}. Waits up to two seconds for the
     * handler threads to end, interrupting after the first those still busy in a handler, and logs
     * any that will not stop.
     */
    public void halt()
    {
        synchronized (this)
        {
            state = HALTED;
        }
        ringBuffer.halt("handler graph halted", null);
        for (final GraphNode<E> node : nodes)
        {
            node.halt();
        }
        final long graceEnd = System.nanoTime() + HALT_GRACE_NANOS;
        for (final GraphNode<E> node : nodes)
        {
            if (!node.join(graceEnd))
            {
                node.interrupt();
            }
        }
        final long lastEnd = System.nanoTime() + HALT_GRACE_NANOS;
        for (final GraphNode<E> node : nodes)
        {
            if (!node.join(lastEnd))
            {
                LOGGER.log(System.Logger.Level.WARNING, "handler " + node + " did not stop within 2 s of halt, even when interrupted");
            }
        }
    }

    /**
     * Waits until every event claimed so far has been handled by every handler, then halts. Stop the
     * producers first: events published after the drain are not handled.
     *
     * @param timeout how long to wait for the drain.
     * @return true if everything was handled; false if the time ran out or a handler halted the ring,
     * in which case the graph is halted all the same.
     */
    public boolean shutdown(final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        boolean drained;
        while (!(drained = !hasBacklog()) && !ringBuffer.isHalted() && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
        halt();
        return drained;
    }

    /**
     * Whether some claimed event has not yet been handled by every handler.
     *
     * @return true while there is a backlog.
     */
    public boolean hasBacklog()
    {
        final long cursor = ringBuffer.getCursor();
        for (final GraphNode<E> node : nodes)
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
        synchronized (this)
        {
            node = nodeOf(handler);
            for (final GraphNode<E> other : nodes)
            {
                if (other.dependencies.contains(node))
                {
                    throw new IllegalArgumentException("handler " + handler + " has handler " + other +
                        " after it; remove that one first");
                }
            }
            for (final GraphNode<E> dependency : node.dependencies)
            {
                if (!dependency.endOfChain && nodes.stream().noneMatch(other -> other != node && other.dependencies.contains(dependency)))
                {
                    dependency.endOfChain = true;
                    // at or ahead of the removed handler, which still gates until its thread ends: safe to add now
                    ringBuffer.sequencer.addGatingSequences(dependency.sequences());
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
        synchronized (this)
        {
            if (!stopped)
            {
                throw new IllegalStateException("handler " + handler + " did not stop within 2 s (a long batch or a stuck " +
                    "handler); it stays in the graph and gates producers until it does; call removeHandler again later");
            }
            for (final Sequence sequence : node.sequences())
            {
                ringBuffer.sequencer.removeGatingSequence(sequence);
            }
            nodes.remove(node);
        }
    }

    /**
     * The sequence of a handler in the graph.
     *
     * @param handler the handler.
     * @return its processor's sequence.
     */
    public synchronized Sequence getSequenceOf(final EventHandler<? super E> handler)
    {
        return nodeOf(handler).processor.getSequence();
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

    synchronized HandlerGroup<E> addHandlers(final List<GraphNode<E>> dependencies, final EventHandler<? super E>[] handlers)
    {
        checkHandlers(handlers);
        final List<GraphNode<E>> added = new ArrayList<>();
        final Sequence[] dependencySequences = sequencesOf(dependencies);
        for (final EventHandler<? super E> handler : handlers)
        {
            final BatchEventProcessor<E> processor =
                new BatchEventProcessor<>(ringBuffer, ringBuffer.newBarrier(dependencySequences), handler);
            processor.setExceptionHandler(defaultExceptionHandler);
            processor.setFatalErrorListener(this::haltAfterFailure);
            added.add(new GraphNode<>(handler, processor, dependencies));
        }
        return link(added, dependencies);
    }

    synchronized HandlerGroup<E> addWorkerPool(final List<GraphNode<E>> dependencies, final WorkHandler<? super E>[] handlers)
    {
        checkHandlers(handlers);
        final WorkerPool<E> pool = new WorkerPool<>(ringBuffer, ringBuffer.newBarrier(sequencesOf(dependencies)),
            defaultExceptionHandler, this::haltAfterFailure, handlers);
        return link(List.of(new GraphNode<>(pool, dependencies)), dependencies);
    }

    /** Gates the ring on the new nodes, starting them where they cannot miss or lap anything, then starts them if running. */
    private HandlerGroup<E> link(final List<GraphNode<E>> added, final List<GraphNode<E>> dependencies)
    {
        if (state == HALTED)
        {
            throw new IllegalStateException("graph is halted; build a new one");
        }
        if (!nodes.containsAll(dependencies))
        {
            throw new IllegalArgumentException("a handler this group follows was removed from the graph; " +
                "build the group again from handlers still in it");
        }
        final Sequence[] dependencySequences = sequencesOf(dependencies);
        for (final GraphNode<E> node : added)
        {
            if (dependencies.isEmpty())
            {
                ringBuffer.sequencer.addGatingSequencesAtCursor(node.sequences());
            }
            else
            {
                node.setSequences(minimum(dependencySequences));
                ringBuffer.sequencer.addGatingSequences(node.sequences());
                node.setSequences(minimum(dependencySequences)); // the dependencies still gate: this cannot be lapped
            }
        }
        for (final GraphNode<E> dependency : dependencies)
        {
            if (dependency.endOfChain)
            {
                dependency.endOfChain = false;
                for (final Sequence sequence : dependency.sequences())
                {
                    ringBuffer.sequencer.removeGatingSequence(sequence);
                }
            }
        }
        nodes.addAll(added);
        if (state == STARTED)
        {
            for (final GraphNode<E> node : added)
            {
                node.start(threadFactory);
            }
        }
        return new HandlerGroup<>(this, added);
    }

    synchronized void setExceptionHandler(final List<GraphNode<E>> group, final ExceptionHandler<? super E> exceptionHandler)
    {
        for (final GraphNode<E> node : group)
        {
            node.customExceptionHandler = true;
            node.setExceptionHandler(exceptionHandler);
        }
    }

    synchronized void checkNotStarted(final List<GraphNode<E>> group, final String what)
    {
        for (final GraphNode<E> node : group)
        {
            if (node.started())
            {
                throw new IllegalStateException("cannot set the " + what + " of running handler " + node +
                    "; set it before start");
            }
        }
    }

    private void haltAfterFailure(final Throwable cause)
    {
        for (final GraphNode<E> node : nodes)
        {
            node.halt();
        }
    }

    private GraphNode<E> nodeOf(final Object handler)
    {
        for (final GraphNode<E> node : nodes)
        {
            if (node.handler == handler)
            {
                return node;
            }
        }
        throw new IllegalArgumentException("handler " + handler + " is not in this graph; add it with handleEventsWith first");
    }

    private void checkHandlers(final Object[] handlers)
    {
        if (handlers == null || handlers.length == 0)
        {
            throw new IllegalArgumentException("no handlers given; pass at least one");
        }
        for (int i = 0; i < handlers.length; i++)
        {
            final Object handler = handlers[i];
            if (handler == null)
            {
                throw new NullPointerException("handler " + i + " is null");
            }
            for (int j = 0; j < i; j++)
            {
                if (handlers[j] == handler)
                {
                    throw new IllegalArgumentException("handler " + handler + " is given twice; each handler joins a graph once");
                }
            }
            for (final GraphNode<E> node : nodes)
            {
                final boolean inPool = node.pool != null && node.pool.hasHandler(handler);
                if (node.handler == handler || inPool)
                {
                    throw new IllegalArgumentException("handler " + handler + " is already in this graph; " +
                        "each handler joins a graph once (use a second instance to run it twice)");
                }
            }
        }
    }

    private static <E> Sequence[] sequencesOf(final List<GraphNode<E>> group)
    {
        final List<Sequence> sequences = new ArrayList<>();
        for (final GraphNode<E> node : group)
        {
            sequences.addAll(List.of(node.sequences()));
        }
        return sequences.toArray(new Sequence[0]);
    }

    private static long minimum(final Sequence[] sequences)
    {
        long minimum = Long.MAX_VALUE;
        for (final Sequence sequence : sequences)
        {
            minimum = Math.min(minimum, sequence.get());
        }
        return minimum;
    }
}
