package io.nanostream.ring;

import java.util.function.Consumer;

/**
 * A batch processor's calls around its handler that are not the events themselves: start, shutdown,
 * batch start and timeout notifications, each guarded by the exception handler, and halting the ring
 * when a failure is fatal.
 *
 * @param <E> the event type.
 */
final class HandlerCalls<E>
{
    private final EventHandler<? super E> handler;
    private final AbstractSequencer haltTarget;
    volatile ExceptionHandler<? super E> exceptionHandler = ExceptionHandlers.logAndHalt();
    volatile Consumer<Throwable> fatalErrorListener;

    HandlerCalls(final EventHandler<? super E> handler, final AbstractSequencer haltTarget)
    {
        this.handler = handler;
        this.haltTarget = haltTarget;
    }

    void start()
    {
        try
        {
            handler.onStart();
        }
        catch (final Throwable ex)
        {
            exceptionHandler.handleOnStartException(ex);
        }
    }

    void shutdown()
    {
        try
        {
            handler.onShutdown();
        }
        catch (final Throwable ex)
        {
            exceptionHandler.handleOnShutdownException(ex);
        }
    }

    void batchStart(final long batchSize, final long queueDepth, final long first)
    {
        try
        {
            handler.onBatchStart(batchSize, queueDepth);
        }
        catch (final Throwable ex)
        {
            // no event was handed over yet: report it, but skip nothing
            exceptionHandler.handleEventException(ex, first, null);
        }
    }

    /** Tells the handler the wait timed out; null, or the failure the processor must stop on. */
    Throwable timeout(final long last)
    {
        try
        {
            handler.onTimeout(last);
            return null;
        }
        catch (final Throwable ex)
        {
            try
            {
                exceptionHandler.handleEventException(ex, last, null);
                return null;
            }
            catch (final Throwable fatal)
            {
                return fatal;
            }
        }
    }

    /** Halts the ring, if we know it, with the handler's failure as the cause, and tells the listener. */
    void haltRing(final Throwable fatal, final long failed)
    {
        final Throwable cause = fatal instanceof HandlerFailedException && fatal.getCause() != null ?
            fatal.getCause() : fatal;
        if (haltTarget != null)
        {
            haltTarget.halt("handler " + handler + " failed at sequence " + failed + "; the ring is halted", cause);
        }
        final Consumer<Throwable> listener = fatalErrorListener;
        if (listener != null)
        {
            listener.accept(cause);
        }
    }
}
