package io.nanostream.ring.graph;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BatchEventProcessor;
import io.nanostream.ring.BatchRewindStrategy;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.EventProcessor;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.WorkHandler;
import io.nanostream.ring.WorkerPool;
import io.nanostream.ring.internal.RingInternals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * How a {@link HandlerGraph} wires its consumers: makes a processor per handler, gates the ring on the
 * ends of the chains only, and starts consumers added to a running graph where they can neither miss
 * nor lap an event. It holds the graph's nodes and state, and its monitor is the graph's lock: every change
 * to the graph, from any thread, holds it.
 *
 * @param <E> the event type.
 */
final class HandlerGraphWiring<E>
{
    static final int NEW = 0;
    static final int STARTED = 1;
    static final int HALTED = 2;

    final RingBuffer<E> ringBuffer;
    final ThreadFactory threadFactory;
    final List<GraphNode<E>> nodes = new CopyOnWriteArrayList<>();
    ExceptionHandler<? super E> defaultExceptionHandler;
    /** Set by {@code handleExceptionsWith}: the exception handler of every handler added from then on. */
    ExceptionHandler<? super E> exceptionHandlerForNew;
    int state = NEW;
    /** Halts every consumer after one of them halted the ring on a failure. */
    private final Consumer<Throwable> haltAfterFailure;

    HandlerGraphWiring(final RingBuffer<E> ringBuffer, final ThreadFactory threadFactory,
        final ExceptionHandler<? super E> exceptionHandler, final Consumer<Throwable> haltAfterFailure)
    {
        this.ringBuffer = ringBuffer;
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory is null");
        this.defaultExceptionHandler = Objects.requireNonNull(exceptionHandler, "exceptionHandler is null");
        this.haltAfterFailure = haltAfterFailure;
    }

    synchronized HandlerGroup<E> addHandlers(
        final List<GraphNode<E>> dependencies, final EventHandler<? super E>[] handlers,
        final BatchRewindStrategy rewindStrategy)
    {
        checkHandlers(handlers, "handler");
        final List<GraphNode<E>> added = new ArrayList<>();
        final Sequence[] dependencySequences = sequencesOf(dependencies);
        for (final EventHandler<? super E> handler : handlers)
        {
            final SequenceBarrier barrier = ringBuffer.newBarrier(dependencySequences);
            final BatchEventProcessor<E> processor = rewindStrategy == null ?
                new BatchEventProcessor<>(ringBuffer, barrier, handler) :
                new BatchEventProcessor<>(ringBuffer, barrier, handler, Integer.MAX_VALUE, rewindStrategy);
            processor.setFatalErrorListener(haltAfterFailure);
            final GraphNode<E> node = GraphNode.ofHandler(handler, processor, barrier, dependencies);
            useExceptionHandlerForNew(node);
            added.add(node);
        }
        return link(added, dependencies);
    }

    synchronized HandlerGroup<E> addWorkerPool(final List<GraphNode<E>> dependencies,
        final WorkHandler<? super E>[] handlers)
    {
        checkHandlers(handlers, "work handler");
        final WorkerPool<E> pool = RingInternals.get().newWorkerPool(ringBuffer,
            ringBuffer.newBarrier(sequencesOf(dependencies)), defaultExceptionHandler, haltAfterFailure, handlers);
        final GraphNode<E> node = GraphNode.ofPool(pool, dependencies);
        useExceptionHandlerForNew(node);
        return link(List.of(node), dependencies);
    }

    synchronized HandlerGroup<E> addProcessors(final List<GraphNode<E>> dependencies, final EventProcessor[] processors)
    {
        checkHandlers(processors, "processor");
        final List<GraphNode<E>> added = new ArrayList<>();
        for (final EventProcessor processor : processors)
        {
            final GraphNode<E> node = GraphNode.ofProcessor(processor, dependencies);
            if (node.batch != null)
            {
                node.batch.setFatalErrorListener(haltAfterFailure);
                useExceptionHandlerForNew(node);
            }
            added.add(node);
        }
        return link(added, dependencies);
    }

    synchronized HandlerGroup<E> addFactories(final List<GraphNode<E>> dependencies,
        final EventProcessorFactory<E>[] factories)
    {
        checkHandlers(factories, "processor factory");
        final EventProcessor[] processors = new EventProcessor[factories.length];
        for (int i = 0; i < factories.length; i++)
        {
            processors[i] = factories[i].createEventProcessor(ringBuffer, sequencesOf(dependencies));
            if (processors[i] == null)
            {
                throw new NullPointerException("processor factory " + factories[i] + " made no processor");
            }
        }
        return addProcessors(dependencies, processors);
    }

    private void useExceptionHandlerForNew(final GraphNode<E> node)
    {
        final ExceptionHandler<? super E> forNew = exceptionHandlerForNew;
        node.customExceptionHandler = forNew != null;
        node.setExceptionHandler(forNew != null ? forNew : defaultExceptionHandler);
    }

    /**
     * Gates the ring on the new nodes, starting them where they cannot miss or lap
     * anything, then starts them if running.
     */
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
                ringBuffer.addGatingSequences(node.sequences());
            }
            else
            {
                node.setSequences(minimum(dependencySequences));
                RingInternals.get().addGatingSequencesAsIs(ringBuffer, node.sequences());
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
                    ringBuffer.removeGatingSequence(sequence);
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

    synchronized void setExceptionHandler(final List<GraphNode<E>> group,
        final ExceptionHandler<? super E> exceptionHandler)
    {
        Objects.requireNonNull(exceptionHandler, "exceptionHandler is null");
        for (final GraphNode<E> node : group)
        {
            if (!node.takesExceptionHandler())
            {
                throw new IllegalArgumentException("processor " + node +
                    " is not a BatchEventProcessor and takes no exception handler");
            }
        }
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

    /** The node of a handler, pool or processor in the graph. */
    final GraphNode<E> nodeOf(final Object handler)
    {
        Objects.requireNonNull(handler, "handler is null");
        for (final GraphNode<E> node : nodes)
        {
            if (node.handler == handler || node.processor == handler)
            {
                return node;
            }
        }
        throw new IllegalArgumentException("handler " + handler +
            " is not in this graph; add it with handleEventsWith first");
    }

    private void checkHandlers(final Object[] handlers, final String what)
    {
        if (handlers == null || handlers.length == 0)
        {
            throw new IllegalArgumentException("no " + what + "s given; pass at least one");
        }
        for (int i = 0; i < handlers.length; i++)
        {
            final Object handler = handlers[i];
            if (handler == null)
            {
                throw new NullPointerException(what + " " + i + " is null");
            }
            for (int j = 0; j < i; j++)
            {
                if (handlers[j] == handler)
                {
                    throw new IllegalArgumentException(what + " " + handler +
                        " is given twice; each joins a graph once");
                }
            }
            for (final GraphNode<E> node : nodes)
            {
                final boolean inPool = node.pool != null && RingInternals.get().hasHandler(node.pool, handler);
                if (node.handler == handler || node.processor == handler || inPool)
                {
                    throw new IllegalArgumentException(what + " " + handler + " is already in this graph; " +
                        "each joins a graph once (use a second instance to run it twice)");
                }
            }
        }
    }

    static <E> Sequence[] sequencesOf(final List<GraphNode<E>> group)
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
