package io.nanostream.ring.graph;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BatchRewindStrategy;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.EventProcessor;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.RewindableEventHandler;
import io.nanostream.ring.RewindableException;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.WorkHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Some handlers of a {@link HandlerGraph}, to add handlers after them or to configure them (the
 * Disruptor's {@code EventHandlerGroup}).
 *
 * @param <E> the event type.
 */
public final class HandlerGroup<E>
{
    private final HandlerGraphWiring<E> graph;
    private final List<GraphNode<E>> nodes;

    HandlerGroup(final HandlerGraphWiring<E> graph, final List<GraphNode<E>> nodes)
    {
        this.graph = graph;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Adds handlers that each see every event after all handlers of this group are done with it.
     *
     * @param handlers the handlers.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> then(final EventHandler<? super E>... handlers)
    {
        return graph.addHandlers(nodes, handlers, null);
    }

    /**
     * Adds handlers that may ask for their batch to be replayed, each seeing every event after all
     * handlers of this group are done with it.
     *
     * @param rewindStrategy decides on each rewind request.
     * @param handlers       the handlers.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> then(final BatchRewindStrategy rewindStrategy,
        final RewindableEventHandler<? super E>... handlers)
    {
        return graph.addHandlers(nodes, handlers, Objects.requireNonNull(rewindStrategy, "rewindStrategy is null"));
    }

    /**
     * Adds processors made by the factories, each told to follow this group.
     *
     * @param factories make one processor each.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> then(final EventProcessorFactory<E>... factories)
    {
        return graph.addFactories(nodes, factories);
    }

    /**
     * The same as {@link #then(EventHandler[])}, by the Disruptor's name.
     *
     * @param handlers the handlers.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWith(final EventHandler<? super E>... handlers)
    {
        return graph.addHandlers(nodes, handlers, null);
    }

    /**
     * The same as {@link #then(BatchRewindStrategy, RewindableEventHandler[])}, by the Disruptor's name.
     *
     * @param rewindStrategy decides on each rewind request.
     * @param handlers       the handlers.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWith(
        final BatchRewindStrategy rewindStrategy, final RewindableEventHandler<? super E>... handlers)
    {
        return then(rewindStrategy, handlers);
    }

    /**
     * The same as {@link #then(EventProcessorFactory[])}, by the Disruptor's name.
     *
     * @param factories make one processor each.
     * @return their group.
     */
    @SafeVarargs
    public final HandlerGroup<E> handleEventsWith(final EventProcessorFactory<E>... factories)
    {
        return graph.addFactories(nodes, factories);
    }

    /**
     * Adds a worker pool that takes each event after all handlers of this group are done with it.
     *
     * @param handlers one handler per worker.
     * @return the pool's group.
     */
    @SafeVarargs
    public final HandlerGroup<E> thenWorkerPool(final WorkHandler<? super E>... handlers)
    {
        return graph.addWorkerPool(nodes, handlers);
    }

    /**
     * This group and another, as one group.
     *
     * @param other handlers of the same graph.
     * @return the union.
     */
    public HandlerGroup<E> and(final HandlerGroup<E> other)
    {
        Objects.requireNonNull(other, "other is null");
        if (other.graph != graph)
        {
            throw new IllegalArgumentException("cannot join handlers of two different graphs");
        }
        final List<GraphNode<E>> union = new ArrayList<>(nodes);
        for (final GraphNode<E> node : other.nodes)
        {
            if (!union.contains(node))
            {
                union.add(node);
            }
        }
        return new HandlerGroup<>(graph, union);
    }

    /**
     * This group and processors made elsewhere, which join the graph as first-stage consumers (as
     * {@link HandlerGraph#handleEventsWith(EventProcessor...)} adds them), as one group.
     *
     * @param processors the processors.
     * @return the union.
     */
    public HandlerGroup<E> and(final EventProcessor... processors)
    {
        return and(graph.addProcessors(List.of(), processors));
    }

    /**
     * A barrier that waits for every handler of this group, for a consumer of your own to follow them.
     *
     * @return the barrier.
     */
    public SequenceBarrier asSequenceBarrier()
    {
        return graph.ringBuffer.newBarrier(sequences());
    }

    /**
     * Caps the batches of this group's batch handlers; set before they start.
     *
     * @param maxBatchSize the most events between two advances of a handler's sequence, at least 1.
     * @return this group.
     */
    public HandlerGroup<E> withMaxBatchSize(final int maxBatchSize)
    {
        graph.checkNotStarted(nodes, "max batch size");
        for (final GraphNode<E> node : nodes)
        {
            if (node.batch != null)
            {
                node.batch.setMaxBatchSize(maxBatchSize);
            }
        }
        return this;
    }

    /**
     * Lets this group's batch handlers replay a batch when they throw a {@link RewindableException}.
     *
     * @param rewindStrategy decides on each rewind request.
     * @return this group.
     */
    public HandlerGroup<E> withRewindStrategy(final BatchRewindStrategy rewindStrategy)
    {
        Objects.requireNonNull(rewindStrategy, "rewindStrategy is null");
        graph.checkNotStarted(nodes, "rewind strategy");
        for (final GraphNode<E> node : nodes)
        {
            if (node.batch != null)
            {
                node.batch.setRewindStrategy(rewindStrategy);
            }
        }
        return this;
    }

    /**
     * Gives this group's handlers an exception handler of their own.
     *
     * @param exceptionHandler the exception handler.
     * @return this group.
     */
    public HandlerGroup<E> withExceptionHandler(final ExceptionHandler<? super E> exceptionHandler)
    {
        graph.setExceptionHandler(nodes, exceptionHandler);
        return this;
    }

    /**
     * The sequences of this group's handlers (one per worker for a pool).
     *
     * @return the sequences.
     */
    public Sequence[] sequences()
    {
        return HandlerGraphWiring.sequencesOf(nodes);
    }
}
