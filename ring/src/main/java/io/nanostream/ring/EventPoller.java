package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;

/**
 * Pulls events from a ring on the caller's own thread, for consumers that run their own loop (an
 * agent's duty cycle, a game loop) instead of giving a thread to a processor.
 *
 * <pre>{@code
 * EventPoller<MyEvent> poller = ring.newPoller();
 * ring.addGatingSequences(poller.getSequence());
 * while (running) {
 *     if (poller.poll((event, sequence, endOfBatch) -> { use(event); return true; }) != PollState.PROCESSING) {
 *         idle.idle();
 *     }
 * }
 * }</pre>
 *
 * @param <E> the event type.
 */
public final class EventPoller<E>
{
    /** What one call to {@link #poll} found. */
    public enum PollState
    {
        /** Events were handed to the handler. */
        PROCESSING,
        /** Events are claimed, but not yet published or not yet passed by the handlers followed. */
        GATING,
        /** Nothing new is claimed. */
        IDLE
    }

    /**
     * Handles polled events.
     *
     * @param <E> the event type.
     */
    @FunctionalInterface
    public interface Handler<E>
    {
        /**
         * Handles one event.
         *
         * @param event      the event; valid only during this call.
         * @param sequence   its sequence.
         * @param endOfBatch true for the last available event.
         * @return true to take the next available event, false to stop this poll here.
         * @throws Exception anything; it propagates out of {@link #poll}.
         */
        boolean onEvent(E event, long sequence, boolean endOfBatch) throws Exception;
    }

    private final DataProvider<E> dataProvider;
    private final AbstractSequencer sequencer;
    private final ProcessingSequenceBarrier barrier;
    private final Sequence sequence;

    /**
     * Creates a poller the Disruptor's way; {@link RingBuffer#newPoller} is simpler.
     *
     * @param dataProvider   where the events are.
     * @param sequencer      the sequencer that publishes them.
     * @param sequence       the poller's own sequence.
     * @param gatingSequence the sequence to follow: an upstream handler's, or the sequencer's cursor for a
     *                       first stage (a {@link NoOpEventProcessor}'s sequence follows it too).
     */
    public EventPoller(
        final DataProvider<E> dataProvider, final Sequencer sequencer, final Sequence sequence,
        final Sequence gatingSequence)
    {
        this(dataProvider, (AbstractSequencer)Arguments.required(sequencer, "sequencer"),
            barrierFor((AbstractSequencer)sequencer, Arguments.required(gatingSequence, "gatingSequence")),
            sequence);
    }

    EventPoller(
        final DataProvider<E> dataProvider, final AbstractSequencer sequencer, final ProcessingSequenceBarrier barrier,
        final Sequence sequence)
    {
        this.dataProvider = Arguments.required(dataProvider, "dataProvider");
        this.sequencer = sequencer;
        this.barrier = barrier;
        this.sequence = Arguments.required(sequence, "sequence");
    }

    private static ProcessingSequenceBarrier barrierFor(final AbstractSequencer sequencer,
        final Sequence gatingSequence)
    {
        return gatingSequence == sequencer.cursorSequence() ?
            new ProcessingSequenceBarrier(sequencer, new Sequence[0]) :
            new ProcessingSequenceBarrier(sequencer, new Sequence[]{gatingSequence});
    }

    /**
     * Creates a poller the Disruptor's way; {@link RingBuffer#newPoller} is simpler.
     *
     * @param dataProvider    where the events are.
     * @param sequencer       the sequencer that publishes them.
     * @param sequence        the poller's own sequence.
     * @param cursorSequence  the sequencer's cursor, which the Disruptor needs and this poller does not:
     *                        it learns of publication from the sequencer itself (may be null).
     * @param gatingSequences the sequences to follow; none for a first stage.
     * @param <T>             the event type.
     * @return the poller; gate the sequencer on its sequence.
     */
    public static <T> EventPoller<T> newInstance(
        final DataProvider<T> dataProvider,
        final Sequencer sequencer,
        final Sequence sequence,
        final Sequence cursorSequence,
        final Sequence... gatingSequences)
    {
        final AbstractSequencer ours = (AbstractSequencer)Arguments.required(sequencer, "sequencer");
        return new EventPoller<>(dataProvider, ours, new ProcessingSequenceBarrier(ours, gatingSequences), sequence);
    }

    /**
     * Hands the available events to the handler, until it returns false or none are left. The poller's
     * sequence advances past every event the handler returned from; if the handler throws, the exception
     * propagates and the event that failed is offered again by the next poll.
     *
     * @param handler the handler.
     * @return what the poll found.
     * @throws Exception whatever the handler threw.
     */
    public PollState poll(final Handler<? super E> handler) throws Exception
    {
        Arguments.required(handler, "handler");
        final long current = sequence.get();
        long next = current + 1L;
        final long available = barrier.highestAvailable(next);
        if (available >= next)
        {
            long processed = current;
            try
            {
                boolean more;
                do
                {
                    more = handler.onEvent(dataProvider.get(next), next, next == available);
                    processed = next;
                    next++;
                }
                while (more && next <= available);
            }
            finally
            {
                sequence.set(processed); // release: our reads of the handled events happen before their slots are reused
            }
            return PollState.PROCESSING;
        }
        // as the Disruptor reports it: one producer's cursor is what it published, many producers' what they claimed;
        // one producer's is read from the event we wait for, never from its claim counter, which a spinning poller
        // would otherwise pull away from the producer on every empty poll
        return sequencer.cursorReached(next) ? PollState.GATING : PollState.IDLE;
    }

    /**
     * The poller's sequence: the last event handled. Add it to the ring's gating sequences.
     *
     * @return the sequence.
     */
    public Sequence getSequence()
    {
        return sequence;
    }
}
