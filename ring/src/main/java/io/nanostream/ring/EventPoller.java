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
         */
        boolean onEvent(E event, long sequence, boolean endOfBatch);
    }

    private final RingBuffer<E> ringBuffer;
    private final SequenceBarrier barrier;
    private final Sequence sequence = new Sequence();

    EventPoller(final RingBuffer<E> ringBuffer, final SequenceBarrier barrier)
    {
        this.ringBuffer = ringBuffer;
        this.barrier = barrier;
    }

    /**
     * Hands the available events to the handler, until it returns false or none are left. The poller's
     * sequence advances past every event the handler returned from; if the handler throws, the exception
     * propagates and the event that failed is offered again by the next poll.
     *
     * @param handler the handler.
     * @return what the poll found.
     */
    public PollState poll(final Handler<? super E> handler)
    {
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
                    more = handler.onEvent(ringBuffer.get(next), next, next == available);
                    processed = next;
                    next++;
                }
                while (more && next <= available);
            }
            finally
            {
                sequence.set(processed); // release: our reads of the handled events happen before their slots are reused
                barrier.signalProgress();
            }
            return PollState.PROCESSING;
        }
        // as the Disruptor reports it: one producer's cursor is what it published, many producers' what they claimed;
        // one producer's is read from the event we wait for, never from its claim counter, which a spinning poller
        // would otherwise pull away from the producer on every empty poll
        return ringBuffer.sequencer.cursorReached(next) ? PollState.GATING : PollState.IDLE;
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
