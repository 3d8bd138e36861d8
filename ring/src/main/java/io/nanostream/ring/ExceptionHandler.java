package io.nanostream.ring;

/**
 * Decides what a processor does when its handler throws: return normally to skip the event and go
 * on, or throw to halt the whole ring (producers then get a {@link RingHaltedException} instead of
 * waiting forever behind a consumer that no longer moves).
 *
 * @param <E> the event type.
 */
public interface ExceptionHandler<E>
{
    /**
     * Handles an exception thrown by {@code onEvent} or {@code onTimeout}.
     *
     * @param ex       the exception.
     * @param sequence the sequence of the event that failed.
     * @param event    the event, or null for a timeout.
     */
    void handleEventException(Throwable ex, long sequence, E event);

    /**
     * Handles an exception thrown by {@code onStart}; the processor goes on to process events.
     *
     * @param ex the exception.
     */
    void handleOnStartException(Throwable ex);

    /**
     * Handles an exception thrown by {@code onShutdown}.
     *
     * @param ex the exception.
     */
    void handleOnShutdownException(Throwable ex);
}
