package io.nanostream.ring.graph;

import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.ExceptionHandlers;

import java.util.Objects;

/**
 * An exception handler that passes everything to another, which can be switched at any time: until
 * the first switch, to {@link ExceptionHandlers#defaultHandler()}. The Disruptor's DSL used one for its
 * default; ours sets the default on every handler instead ({@link HandlerGraph#setDefaultExceptionHandler}),
 * and this is here for code that builds on it.
 *
 * @param <E> the event type.
 */
public class ExceptionHandlerWrapper<E> implements ExceptionHandler<E>
{
    private volatile ExceptionHandler<? super E> delegate = ExceptionHandlers.defaultHandler();

    /** Creates a wrapper around the default handler. */
    public ExceptionHandlerWrapper()
    {
    }

    /**
     * Passes everything from now on to {@code exceptionHandler}.
     *
     * @param exceptionHandler the handler.
     */
    public void switchTo(final ExceptionHandler<? super E> exceptionHandler)
    {
        delegate = Objects.requireNonNull(exceptionHandler, "exceptionHandler is null");
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final E event)
    {
        delegate.handleEventException(ex, sequence, event);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        delegate.handleOnStartException(ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        delegate.handleOnShutdownException(ex);
    }
}
