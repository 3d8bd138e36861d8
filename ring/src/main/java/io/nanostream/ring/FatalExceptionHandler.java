package io.nanostream.ring;

import java.lang.System.Logger.Level;

/**
 * Logs a handler's failure at ERROR and rethrows it (wrapped in a {@link HandlerFailedException}), so
 * the processor halts the ring: producers then get a {@link RingHaltedException} carrying the failure
 * rather than waiting for a consumer that will never move. {@link ExceptionHandlers#defaultHandler()}.
 */
public final class FatalExceptionHandler implements ExceptionHandler<Object>
{
    private static final System.Logger LOGGER = System.getLogger(FatalExceptionHandler.class.getName());

    /** Creates the handler. */
    public FatalExceptionHandler()
    {
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final Object event)
    {
        LOGGER.log(Level.ERROR, () -> "exception processing sequence " + sequence + " " + event, ex);
        throw new HandlerFailedException("handler failed at sequence " + sequence, ex);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        LOGGER.log(Level.ERROR, "exception during onStart()", ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        LOGGER.log(Level.ERROR, "exception during onShutdown()", ex);
    }
}
