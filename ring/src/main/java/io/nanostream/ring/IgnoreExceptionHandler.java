package io.nanostream.ring;

import java.lang.System.Logger.Level;

/** Logs a handler's failure at INFO and skips the event: the processor goes on with the next one. */
public final class IgnoreExceptionHandler implements ExceptionHandler<Object>
{
    private static final System.Logger LOGGER = System.getLogger(IgnoreExceptionHandler.class.getName());

    /** Creates the handler. */
    public IgnoreExceptionHandler()
    {
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final Object event)
    {
        LOGGER.log(Level.INFO, () -> "exception processing sequence " + sequence + " " + event + "; event skipped", ex);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        LOGGER.log(Level.INFO, "exception during onStart()", ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        LOGGER.log(Level.INFO, "exception during onShutdown()", ex);
    }
}
