package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * Handles the events of a ring, in sequence order, on a {@link BatchEventProcessor}'s thread.
 *
 * @param <E> the event type.
 */
@FunctionalInterface
public interface EventHandler<E>
{
    /**
     * Handles one event.
     *
     * @param event      the event; valid only during this call.
     * @param sequence   its sequence.
     * @param endOfBatch true for the last event of the batch the processor took from the ring, a good
     *                   moment to flush whatever the handler accumulates.
     * @throws Exception anything; the processor's {@link ExceptionHandler} decides what happens next,
     *                   and a {@link RewindableException} asks for the batch to be replayed.
     */
    void onEvent(E event, long sequence, boolean endOfBatch) throws Exception;

    /**
     * Called before each batch.
     *
     * @param batchSize  the number of events in the batch.
     * @param queueDepth the number of events known to be available when the batch started, at least
     *                   {@code batchSize} (more when the batch was cut to the maximum batch size).
     */
    default void onBatchStart(final long batchSize, final long queueDepth)
    {
    }

    /** Called once on the processor's thread before the first event. */
    default void onStart()
    {
    }

    /** Called once on the processor's thread after the last event, when the processor stops. */
    default void onShutdown()
    {
    }

    /**
     * Called when a timing-out wait strategy found nothing to do in time.
     *
     * @param sequence the last sequence the processor handled.
     * @throws Exception anything; handled as an event exception.
     */
    default void onTimeout(final long sequence) throws Exception
    {
    }

    /**
     * Gives the handler its processor's sequence, so that it can release slots back to the producers
     * before the batch ends (by setting it to the last sequence it no longer needs). Called once,
     * before {@link #onStart()}.
     *
     * @param sequenceCallback the processor's sequence.
     */
    default void setSequenceCallback(final Sequence sequenceCallback)
    {
    }
}
