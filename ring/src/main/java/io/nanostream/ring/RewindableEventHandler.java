package io.nanostream.ring;

/**
 * An {@link EventHandler} that may ask for its batch to be replayed by throwing a
 * {@link RewindableException}; give its processor a {@link BatchRewindStrategy} (with
 * {@link BatchEventProcessorBuilder#build(DataProvider, SequenceBarrier, RewindableEventHandler, BatchRewindStrategy)},
 * {@link io.nanostream.ring.graph.HandlerGraph#handleEventsWith(BatchRewindStrategy, RewindableEventHandler[])} or
 * {@link io.nanostream.ring.graph.HandlerGroup#withRewindStrategy}).
 *
 * <p>A handler that rewinds must not release sequences early through its sequence callback: the
 * producer may already have reused the released slots.
 *
 * @param <E> the event type.
 */
@FunctionalInterface
public interface RewindableEventHandler<E> extends EventHandler<E>
{
    /**
     * Handles one event.
     *
     * @param event      the event; valid only during this call.
     * @param sequence   its sequence.
     * @param endOfBatch true for the last event of the batch.
     * @throws RewindableException to replay the batch from its first event, if the rewind strategy agrees.
     * @throws Exception           anything else; the processor's {@link ExceptionHandler} decides.
     */
    @Override
    void onEvent(E event, long sequence, boolean endOfBatch) throws RewindableException, Exception;
}
