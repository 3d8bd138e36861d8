package io.nanostream.stress;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.EventFactory;
import io.nanostream.ring.EventPoller;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.ProducerWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.TimeoutException;

/**
 * Rings for the stress tests, one per way the ring publishes:
 * <ul>
 * <li>{@link #single}: plain events, one producer, a published cursor;</li>
 * <li>{@link #multi}: plain events, many producers, per-slot flags with lap numbers;</li>
 * <li>{@link #sequencedSingle}, {@link #sequencedMulti}: {@link SequencedPairEvent}s, which carry their
 * own publication, for one producer and for many.</li>
 * </ul>
 * They use {@link BusySpinWaitStrategy}, whose signal does nothing, so that no lock taken on
 * publication can hide a missing release or acquire in the ring itself; and a yielding producer wait,
 * so that a producer that must wait for a consumer gives up its core.
 */
public final class Rings
{
    private Rings()
    {
    }

    /**
     * A ring of plain events for one producer thread: publication through the cursor.
     *
     * @param size the number of slots.
     * @return the ring.
     */
    public static RingBuffer<PairEvent> single(final int size)
    {
        return create(ProducerType.SINGLE, PairEvent::new, size);
    }

    /**
     * A ring of plain events for any number of producer threads: publication through per-slot flags.
     *
     * @param size the number of slots.
     * @return the ring.
     */
    public static RingBuffer<PairEvent> multi(final int size)
    {
        return create(ProducerType.MULTI, PairEvent::new, size);
    }

    /**
     * A ring of {@link SequencedPairEvent}s for one producer thread: publication in the events.
     *
     * @param size the number of slots.
     * @return the ring.
     */
    public static RingBuffer<SequencedPairEvent> sequencedSingle(final int size)
    {
        return create(ProducerType.SINGLE, SequencedPairEvent::new, size);
    }

    /**
     * A ring of {@link SequencedPairEvent}s for any number of producer threads: publication in the events.
     *
     * @param size the number of slots.
     * @return the ring.
     */
    public static RingBuffer<SequencedPairEvent> sequencedMulti(final int size)
    {
        return create(ProducerType.MULTI, SequencedPairEvent::new, size);
    }

    private static <E extends Pair> RingBuffer<E> create(
        final ProducerType type, final EventFactory<E> factory, final int size)
    {
        return RingBuffer.create(type, factory, size, new BusySpinWaitStrategy(), ProducerWaitStrategy.yielding());
    }

    /**
     * Adds a consumer sequence that never moves: the ring fills after {@code size} claims.
     *
     * @param ring the ring.
     * @return the stalled sequence.
     */
    public static Sequence stall(final RingBuffer<?> ring)
    {
        final Sequence stalled = new Sequence();
        ring.addGatingSequences(stalled);
        return stalled;
    }

    /**
     * Claims the next sequence, writes its tag into the event and publishes it.
     *
     * @param ring the ring.
     * @param <E>  the event type.
     * @return the sequence.
     */
    public static <E extends Pair> long publishOne(final RingBuffer<E> ring)
    {
        final long sequence = ring.next();
        ring.get(sequence).write(tag(sequence));
        ring.publish(sequence);
        return sequence;
    }

    /**
     * Claims the next two sequences, writes both events and publishes them as one range.
     *
     * @param ring the ring.
     * @param <E>  the event type.
     */
    public static <E extends Pair> void publishBatchOfTwo(final RingBuffer<E> ring)
    {
        final long hi = ring.next(2);
        final long lo = hi - 1;
        ring.get(lo).write(tag(lo));
        ring.get(hi).write(tag(hi));
        ring.publish(lo, hi);
    }

    /**
     * The tag the tests write into the event of {@code sequence}: never 0, so never the unwritten value.
     *
     * @param sequence the event's sequence.
     * @return the tag.
     */
    public static long tag(final long sequence)
    {
        return sequence + 1;
    }

    /**
     * Waits on a barrier; the busy-spin strategy neither times out nor reports interrupts, so the checked
     * exceptions of the Disruptor-shaped signature cannot happen here.
     *
     * @param barrier  the barrier.
     * @param sequence the sequence wanted.
     * @return the highest available sequence.
     */
    public static long waitFor(final SequenceBarrier barrier, final long sequence)
    {
        try
        {
            return barrier.waitFor(sequence);
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Polls once; the tests' handlers never throw.
     *
     * @param poller  the poller.
     * @param handler the handler.
     * @param <E>     the event type.
     * @return what the poll found.
     */
    public static <E> EventPoller.PollState poll(final EventPoller<E> poller,
        final EventPoller.Handler<? super E> handler)
    {
        try
        {
            return poller.poll(handler);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
