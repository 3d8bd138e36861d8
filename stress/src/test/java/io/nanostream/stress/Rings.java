package io.nanostream.stress;

import io.nanostream.ring.BusySpinWaitStrategy;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.ProducerWaitStrategy;
import io.nanostream.ring.RingBuffer;
import io.nanostream.concurrent.Sequence;

/**
 * Rings for the stress tests. They use {@link BusySpinWaitStrategy}, whose signal does nothing, so that
 * no lock taken on publication can hide a missing release or acquire in the ring itself; and a
 * yielding producer wait, so that a producer that must wait for a consumer gives up its core.
 */
public final class Rings
{
    private Rings()
    {
    }

    /**
     * A ring for one producer thread.
     *
     * @param size the number of slots.
     * @return the ring.
     */
    public static RingBuffer<PairEvent> single(final int size)
    {
        return RingBuffer.create(
            ProducerType.SINGLE, PairEvent::new, size, new BusySpinWaitStrategy(), ProducerWaitStrategy.yielding());
    }

    /**
     * A ring for any number of producer threads.
     *
     * @param size the number of slots.
     * @return the ring.
     */
    public static RingBuffer<PairEvent> multi(final int size)
    {
        return RingBuffer.create(
            ProducerType.MULTI, PairEvent::new, size, new BusySpinWaitStrategy(), ProducerWaitStrategy.yielding());
    }

    /**
     * Adds a consumer sequence that never moves: the ring fills after {@code size} claims.
     *
     * @param ring the ring.
     * @return the stalled sequence.
     */
    public static Sequence stall(final RingBuffer<PairEvent> ring)
    {
        final Sequence stalled = new Sequence();
        ring.addGatingSequences(stalled);
        return stalled;
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
}
