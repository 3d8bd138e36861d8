package io.nanostream.ring.graph;

import io.nanostream.ring.ExceptionHandler;

import java.util.List;

/**
 * The second half of {@code graph.handleExceptionsFor(handler).with(exceptionHandler)}.
 *
 * @param <E> the event type.
 */
public final class ExceptionHandlerSetting<E>
{
    private final HandlerGraphWiring<E> graph;
    private final GraphNode<E> node;

    ExceptionHandlerSetting(final HandlerGraphWiring<E> graph, final GraphNode<E> node)
    {
        this.graph = graph;
        this.node = node;
    }

    /**
     * Gives the handler this exception handler; takes effect at once, also on a running graph.
     *
     * @param exceptionHandler the exception handler.
     */
    public void with(final ExceptionHandler<? super E> exceptionHandler)
    {
        graph.setExceptionHandler(List.of(node), exceptionHandler);
    }
}
