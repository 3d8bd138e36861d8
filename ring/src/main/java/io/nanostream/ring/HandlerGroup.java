package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

import java.util.ArrayList;
import java.util.List;

/**
 * Some handlers of a {@link HandlerGraph}, to add handlers after them or to configure them.
 *
 * @param <E> the event type.
 */
public final class HandlerGroup<E>
{
    private final HandlerGraph<E> graph;
    private final List<GraphNode<E>> nodes;

    HandlerGroup(final HandlerGraph<E> graph, final List<GraphNode<E>> nodes)
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
        return graph.addHandlers(nodes, handlers);
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
            if (node.processor != null)
            {
                node.processor.setMaxBatchSize(maxBatchSize);
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
        graph.checkNotStarted(nodes, "rewind strategy");
        for (final GraphNode<E> node : nodes)
        {
            if (node.processor != null)
            {
                node.processor.setRewindStrategy(rewindStrategy);
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
        if (exceptionHandler == null)
        {
            throw new NullPointerException("exceptionHandler is null");
        }
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
        final List<Sequence> sequences = new ArrayList<>();
        for (final GraphNode<E> node : nodes)
        {
            sequences.addAll(List.of(node.sequences()));
        }
        return sequences.toArray(new Sequence[0]);
    }
}
