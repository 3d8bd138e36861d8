package io.nanostream.ring;

/**
 * Handles the events given to one worker of a {@link WorkerPool}: each event goes to exactly one
 * worker of the pool, in no particular order across workers.
 *
 * @param <E> the event type.
 */
@FunctionalInterface
public interface WorkHandler<E>
{
    /**
     * Handles one event.
     *
     * @param event the event; valid only during this call.
     * @throws Exception anything; the pool's {@link ExceptionHandler} decides what happens next.
     */
    void onEvent(E event) throws Exception;

    /** Called once on the worker's thread before its first event. */
    default void onStart()
    {
    }

    /** Called once on the worker's thread after its last event. */
    default void onShutdown()
    {
    }
}
