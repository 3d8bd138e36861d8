package io.nanostream.ring;

import java.lang.System.Logger.Level;

/**
 * The stock exception handlers.
 *
 * <p>The default is {@link #logAndHalt()}: a handler that failed has not handled the event, and the
 * ring promises every handler every event, so the safe move is to stop the ring and tell the producers
 * why (a producer that has to wait for room, or whose {@code tryNext} finds none, gets a
 * {@link RingHaltedException} carrying the handler's exception) rather than to drop the
 * event quietly. The LMAX Disruptor's default instead lets the processor thread die, which leaves
 * producers blocked for ever once the ring fills behind it. Choose {@link #logAndSkip()} where losing
 * one event is better than stopping.
 */
public final class ExceptionHandlers
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.ring");

    private static final FatalExceptionHandler DEFAULT = new FatalExceptionHandler();

    private ExceptionHandlers()
    {
    }

    /**
     * The default, as the Disruptor names it: a shared {@link FatalExceptionHandler}, which logs and
     * halts the ring (as {@link #logAndHalt()} does).
     *
     * @return the handler.
     */
    public static ExceptionHandler<Object> defaultHandler()
    {
        return DEFAULT;
    }

    /**
     * Logs the failure at ERROR and halts the ring.
     *
     * @param <E> the event type.
     * @return the handler.
     */
    public static <E> ExceptionHandler<E> logAndHalt()
    {
        return new ExceptionHandler<>()
        {
            @Override
            public void handleEventException(final Throwable ex, final long sequence, final E event)
            {
                LOGGER.log(Level.ERROR, "handler failed at sequence " + sequence + " on " + event +
                    "; halting the ring", ex);
                throw new HandlerFailedException("handler failed at sequence " + sequence, ex);
            }

            @Override
            public void handleOnStartException(final Throwable ex)
            {
                LOGGER.log(Level.ERROR, "handler failed in onStart", ex);
            }

            @Override
            public void handleOnShutdownException(final Throwable ex)
            {
                LOGGER.log(Level.ERROR, "handler failed in onShutdown", ex);
            }

            @Override
            public String toString()
            {
                return "logAndHalt";
            }
        };
    }

    /**
     * Logs the failure at WARNING and skips the event.
     *
     * @param <E> the event type.
     * @return the handler.
     */
    public static <E> ExceptionHandler<E> logAndSkip()
    {
        return new ExceptionHandler<>()
        {
            @Override
            public void handleEventException(final Throwable ex, final long sequence, final E event)
            {
                LOGGER.log(Level.WARNING, "handler failed at sequence " + sequence + " on " + event + "; event skipped",
                    ex);
            }

            @Override
            public void handleOnStartException(final Throwable ex)
            {
                LOGGER.log(Level.WARNING, "handler failed in onStart", ex);
            }

            @Override
            public void handleOnShutdownException(final Throwable ex)
            {
                LOGGER.log(Level.WARNING, "handler failed in onShutdown", ex);
            }

            @Override
            public String toString()
            {
                return "logAndSkip";
            }
        };
    }
}
